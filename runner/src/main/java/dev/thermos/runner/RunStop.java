package dev.thermos.runner;

import dev.thermos.config.StopSignal;
import java.util.List;

/**
 * One run being stopped by its ladder ({@code stop_signals}): rung 0 at once, each next rung
 * when the previous one's wait is over, SIGKILL after the last. Pure bookkeeping: {@link RunStops}
 * sends the signals.
 */
final class RunStop {
  /** The name of the last step, after every rung. */
  static final String KILL = "KILL";

  private final String process;
  private final int run;
  private final int coordinatorPid;
  private final double forkSecs;
  private final StopJournal.Reason reason;
  private final List<StopSignal> rungs;
  private int nextStep;
  private double lastSentSecs;

  /** {@code forkSecs}: when the coordinator started (its FORKED record), NaN if not known. */
  RunStop(String process, int run, int coordinatorPid, double forkSecs,
      StopJournal.Reason reason, List<StopSignal> rungs) {
    this.process = process;
    this.run = run;
    this.coordinatorPid = coordinatorPid;
    this.forkSecs = forkSecs;
    this.reason = reason;
    this.rungs = List.copyOf(rungs);
  }

  String process() {
    return process;
  }

  int run() {
    return run;
  }

  int coordinatorPid() {
    return coordinatorPid;
  }

  double forkSecs() {
    return forkSecs;
  }

  StopJournal.Reason reason() {
    return reason;
  }

  /** The step to send next (rungs.size() is the SIGKILL); past it when every step was sent. */
  int nextStep() {
    return nextStep;
  }

  boolean finished() {
    return nextStep > rungs.size();
  }

  /** When the next step is due: at once for the first, never once all were sent. */
  double nextDueSecs() {
    if (finished()) {
      return Double.POSITIVE_INFINITY;
    }
    return nextStep == 0 ? Double.NEGATIVE_INFINITY
        : lastSentSecs + rungs.get(nextStep - 1).waitSecs();
  }

  /** The signal's name at {@code step} ("KILL" after the rungs). */
  String signalName(int step) {
    return step < rungs.size() ? rungs.get(step).name() : KILL;
  }

  /** Its number; 9 for the last step. */
  int signalNumber(int step) {
    return step < rungs.size() ? rungs.get(step).number() : 9;
  }

  /** Step {@code step} went out at {@code atSecs} (or was found in the journal). */
  void sent(int step, double atSecs) {
    nextStep = step + 1;
    lastSentSecs = atSecs;
  }
}
