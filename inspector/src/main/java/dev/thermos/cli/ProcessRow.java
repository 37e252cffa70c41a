package dev.thermos.cli;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;

/**
 * What the live display knows of one process: its latest run as last told, and how many of its
 * runs failed. An immutable copy, so the display never reads the runner's state off its thread.
 *
 * @param run the latest run's number, from 0
 * @param pid the user process's pid, 0 when not known
 * @param returnCode the latest run's return code, null before it ended
 * @param startSecs when the latest run started (epoch seconds), NaN before
 * @param stopSecs when the latest run ended (epoch seconds), NaN before
 * @param failures how many runs ended FAILED
 * @param lastFailedRc the return code of the latest FAILED run, null if none
 * @param longestSecs how long the longest ended run lived (seconds), 0 when none ended
 */
record ProcessRow(String name, ProcessState state, int run, int pid, Integer returnCode,
    double startSecs, double stopSecs, int failures, Integer lastFailedRc, double longestSecs) {

  /** The row for {@code latest}, the run numbered {@code run}, shown in {@code state}. */
  static ProcessRow of(String name, ProcessState state, int run, ProcessStatus latest,
      int failures, Integer lastFailedRc, double longestSecs) {
    return new ProcessRow(name, state, run,
        latest.isSetPid() ? latest.getPid() : 0,
        latest.isSetReturnCode() ? latest.getReturnCode() : null,
        latest.isSetStartTime() ? latest.getStartTime() : Double.NaN,
        latest.isSetStopTime() ? latest.getStopTime() : Double.NaN,
        failures, lastFailedRc, longestSecs);
  }

  /** How long {@code run} lived, 0 when it has not ended (or never started). */
  static double lifetime(ProcessStatus run) {
    return run.isSetStartTime() && run.isSetStopTime()
        ? Math.max(0, run.getStopTime() - run.getStartTime()) : 0;
  }
}
