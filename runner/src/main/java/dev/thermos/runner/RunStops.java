package dev.thermos.runner;

import dev.thermos.config.StopSignal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stop ladders in progress, one per run being stopped (the task's end, {@code max_runtime}, a
 * failed health check). Each step is written to the {@link StopJournal} before its signal goes
 * out, so that a restarted runner goes on from the step after the last one written. A stop for a
 * failure first tells the run's coordinator to record the end FAILED, a restart or an update
 * to record it KILLED. Runs on the loop thread.
 */
final class RunStops {
  /** The coordinator's word for "record this run's end FAILED" (thermos_coordinator.c). */
  static final int FAILURE_FLAG = 40;
  /** Its word for "record this run's end KILLED" (a restart, not a failure). */
  static final int RESTART_FLAG = 41;

  /** What the ladder does to a run (the task's {@link dev.thermos.supervision.Stopper}). */
  interface Signals {
    /** Sends the coordinator (alone; started at {@code forkSecs}) one of the words above. */
    void flag(int coordinatorPid, double forkSecs, int word);

    /** Sends {@code signal} to the run's process group (its coordinator started at forkSecs). */
    void signalRun(int coordinatorPid, double forkSecs, int signal);

    /** SIGKILLs every process of the run but its coordinator (which then records the end). */
    void killRun(int coordinatorPid);
  }

  private final StopJournal journal;
  private final Signals signals;
  private final Map<String, RunStop> stopping = new LinkedHashMap<>();

  RunStops(StopJournal journal, Signals signals) {
    this.journal = journal;
    this.signals = signals;
  }

  StopJournal journal() {
    return journal;
  }

  boolean isStopping(String process) {
    return stopping.containsKey(process);
  }

  /** Why the process's run is being stopped, or null. */
  StopJournal.Reason reason(String process) {
    RunStop s = stopping.get(process);
    return s == null ? null : s.reason();
  }

  /**
   * Starts stopping run {@code run} of {@code process} with {@code rungs} and sends the first
   * step. A run already being stopped goes on with the ladder it has (its first reason stays).
   */
  void begin(String process, int run, int coordinatorPid, double forkSecs,
      StopJournal.Reason reason, List<StopSignal> rungs, double now) {
    if (stopping.containsKey(process) || coordinatorPid <= 0) {
      return;
    }
    RunStop stop = new RunStop(process, run, coordinatorPid, forkSecs, reason, rungs);
    stopping.put(process, stop);
    send(stop, now);  // journaled first, then the coordinator's word, then the signal
  }

  /**
   * Takes up the ladder an earlier runner started on the live run {@code run} of {@code process},
   * from its journal entries: the steps written count as sent (the signal of the last may not have
   * gone out: it is sent again), the failure word is sent again. False when the journal has no
   * entry for that run.
   */
  boolean resume(String process, int run, int coordinatorPid, double forkSecs,
      List<StopJournal.Entry> entries,
      java.util.function.Function<StopJournal.Reason, List<StopSignal>> rungs) {
    StopJournal.Entry last = null;
    for (StopJournal.Entry e : entries) {
      if (e.process().equals(process) && e.run() == run) {
        last = last == null || e.step() >= last.step() ? e : last;
      }
    }
    if (last == null || coordinatorPid <= 0) {
      return false;
    }
    RunStop stop = new RunStop(process, run, coordinatorPid, forkSecs, last.reason(),
        rungs.apply(last.reason()));
    stopping.put(process, stop);
    flag(stop);
    stop.sent(last.step(), last.atSecs());
    deliver(stop, last.step());
    return true;
  }

  /** Sends every step that is due at {@code now}. */
  void advance(double now) {
    for (RunStop stop : new ArrayList<>(stopping.values())) {
      while (!stop.finished() && stop.nextDueSecs() <= now) {
        send(stop, now);
      }
    }
  }

  /** When the next step of any ladder is due; infinity when none is. */
  double nextDueSecs() {
    double next = Double.POSITIVE_INFINITY;
    for (RunStop stop : stopping.values()) {
      next = Math.min(next, stop.nextDueSecs());
    }
    return next;
  }

  /** The run of {@code process} ended: its ladder, if any, is over. */
  void ended(String process) {
    stopping.remove(process);
  }

  /** Tells the coordinator how to record the end of a run stopped for its reason. */
  private void flag(RunStop stop) {
    StopJournal.Reason reason = stop.reason();
    if (reason.failure()) {
      signals.flag(stop.coordinatorPid(), stop.forkSecs(), FAILURE_FLAG);
    } else if (reason == StopJournal.Reason.RESTART || reason == StopJournal.Reason.UPDATE) {
      signals.flag(stop.coordinatorPid(), stop.forkSecs(), RESTART_FLAG);
    }
  }

  private void send(RunStop stop, double now) {
    int step = stop.nextStep();
    try {
      journal.append(new StopJournal.Entry(stop.process(), stop.run(), stop.reason(), step,
          stop.signalName(step), now));
    } catch (IOException e) {
      System.err.println("thermos run: cannot record the stop of " + stop.process() + " ("
          + e.getMessage() + "); stopping it anyway");
    }
    stop.sent(step, now);
    if (step == 0) {
      flag(stop);
    }
    deliver(stop, step);
  }

  private void deliver(RunStop stop, int step) {
    if (stop.signalName(step).equals(RunStop.KILL)) {
      signals.killRun(stop.coordinatorPid());
    } else {
      signals.signalRun(stop.coordinatorPid(), stop.forkSecs(), stop.signalNumber(step));
    }
  }
}
