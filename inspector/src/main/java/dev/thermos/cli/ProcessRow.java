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
 */
record ProcessRow(String name, ProcessState state, int run, int pid, Integer returnCode,
    double startSecs, double stopSecs, int failures, Integer lastFailedRc) {

  /** The row for {@code latest}, the run numbered {@code run}, shown in {@code state}. */
  static ProcessRow of(String name, ProcessState state, int run, ProcessStatus latest,
      int failures, Integer lastFailedRc) {
    return new ProcessRow(name, state, run,
        latest.isSetPid() ? latest.getPid() : 0,
        latest.isSetReturnCode() ? latest.getReturnCode() : null,
        latest.isSetStartTime() ? latest.getStartTime() : Double.NaN,
        latest.isSetStopTime() ? latest.getStopTime() : Double.NaN,
        failures, lastFailedRc);
  }
}
