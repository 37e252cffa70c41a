package dev.thermos.observer.watch;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.observer.event.Transition;
import java.util.List;

/**
 * Turns one applied runner-stream record into the {@link Transition} it means. A header is no
 * transition. A process record's time is the time it carries (fork, start or stop time); WAITING
 * and LOST carry none and get the latest time the stream has shown so far, or the reading time
 * when it has shown none (so that replaying an old stream does not date its records today).
 */
final class TransitionDecoder {
  private double lastSeen = Double.NaN;

  /**
   * The transition of {@code record}, already applied to {@code state} (so that its run number is
   * known), or null for a header.
   */
  Transition decode(String taskId, RunnerCkpt record, RunnerState state, long recordIndex,
      double nowSeconds) {
    if (record.isSetTaskStatus()) {
      TaskStatus s = record.getTaskStatus();
      double time = s.isSetTimestampMs() ? s.getTimestampMs() / 1000.0 : fallback(nowSeconds);
      lastSeen = time;
      return new Transition(taskId, null, -1, s.getState().name(), time, null, recordIndex);
    }
    if (!record.isSetProcessStatus()) {
      return null;
    }
    ProcessStatus p = record.getProcessStatus();
    List<ProcessStatus> runs = state.getProcesses().get(p.getProcess());
    int run = runs == null ? 0 : runs.size() - 1;
    double time = recordTime(p);
    if (Double.isNaN(time)) {
      time = fallback(nowSeconds);
    } else {
      lastSeen = time;
    }
    Integer returnCode = p.isSetReturnCode() ? p.getReturnCode() : null;
    return new Transition(taskId, p.getProcess(), run, p.getState().name(), time, returnCode,
        recordIndex);
  }

  private double fallback(double nowSeconds) {
    return Double.isNaN(lastSeen) ? nowSeconds : lastSeen;
  }

  private static double recordTime(ProcessStatus p) {
    ProcessState s = p.getState();
    if (s == ProcessState.FORKED && p.isSetForkTime()) {
      return p.getForkTime();
    }
    if (s == ProcessState.RUNNING && p.isSetStartTime()) {
      return p.getStartTime();
    }
    if (p.isSetStopTime()) {
      return p.getStopTime();
    }
    return Double.NaN;
  }
}
