package dev.thermos.cli;

import dev.thermos.format.Records;
import dev.thermos.format.ReplayException;
import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.runner.RunObserver;
import java.util.HashMap;
import java.util.Map;

/** Records as a runner appends them: replayed, then told to an observer (if any). */
final class FakeRun {
  private final Replayer replayer = new Replayer();
  private final Map<String, Long> seqs = new HashMap<>();
  private RunObserver observer = RunObserver.NONE;

  /** From now on, tells {@code to} of each record. */
  FakeRun observedBy(RunObserver to) {
    this.observer = to;
    return this;
  }

  FakeRun start(String taskId, long launchMs) {
    record(Records.task(TaskState.ACTIVE, launchMs, 1, 0));
    return record(RunnerCkpt.runner_header(new RunnerHeader().setTaskId(taskId)
        .setLaunchTimeMs(launchMs)));
  }

  FakeRun task(TaskState state) {
    return record(Records.task(state, 0, 1, 0));
  }

  FakeRun running(String process, double startSecs, int pid) {
    record(Records.waiting(process, next(process)));
    record(Records.forked(process, next(process), startSecs, pid + 1000));
    return record(Records.running(process, next(process), startSecs, pid));
  }

  FakeRun ended(String process, ProcessState state, double stopSecs, int rc) {
    return record(Records.ended(process, next(process), state, stopSecs, rc));
  }

  FakeRun waiting(String process) {
    return record(Records.waiting(process, next(process)));
  }

  private long next(String process) {
    return seqs.merge(process, 1L, Long::sum) - 1;
  }

  /**
   * Replays {@code records} as one group, then tells the observer of each (as the runner does when
   * an end and the next run's WAITING are written together).
   */
  FakeRun group(RunnerCkpt... records) {
    for (RunnerCkpt r : records) {
      try {
        replayer.apply(r);
      } catch (ReplayException e) {
        throw new IllegalStateException(e);
      }
    }
    for (RunnerCkpt r : records) {
      observer.onRecord(r, replayer.state());
    }
    observer.onBatchEnd();
    return this;
  }

  /** The next sequence number of {@code process}, used up. */
  long seq(String process) {
    return next(process);
  }

  FakeRun record(RunnerCkpt record) {
    try {
      replayer.apply(record);
    } catch (ReplayException e) {
      throw new IllegalStateException(e);
    }
    observer.onRecord(record, replayer.state());
    observer.onBatchEnd();
    return this;
  }
}
