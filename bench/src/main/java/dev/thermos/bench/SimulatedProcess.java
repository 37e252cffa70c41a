package dev.thermos.bench;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import java.util.SplittableRandom;

/**
 * One process of the simulated task: emits the records of its runs in replay order, with
 * consecutive seq across runs, and fork/start/stop times and pids taken from the shared clock and
 * pid allocator.
 */
final class SimulatedProcess {
  /** Share of full runs that exit non-zero. */
  private static final double FAILURE_RATE = 0.15;

  private final String name;
  private final SimClock clock;
  private final PidAllocator pids;
  private final SplittableRandom random;
  private long nextSeq;
  private RunShape shape;
  /** Index of the next record within the current run; equal to shape.records when idle. */
  private int step;

  SimulatedProcess(String name, SimClock clock, PidAllocator pids, SplittableRandom random) {
    this.name = name;
    this.clock = clock;
    this.pids = pids;
    this.random = random;
  }

  boolean idle() {
    return shape == null || step == shape.records;
  }

  /** Starts a new run; the process must be idle. */
  void startRun(RunShape runShape) {
    if (!idle()) {
      throw new IllegalStateException(name + " is in the middle of a run");
    }
    shape = runShape;
    step = 0;
  }

  /** The next record of the current run; the process must not be idle. */
  RunnerCkpt next() {
    if (idle()) {
      throw new IllegalStateException(name + " has no run in progress");
    }
    ProcessStatus status = new ProcessStatus().setSeq(nextSeq++).setProcess(name);
    switch (step++) {
      case 0 -> status.setState(ProcessState.WAITING);
      case 1 -> second(status);
      case 2 -> third(status);
      default -> finish(status);
    }
    return RunnerCkpt.process_status(status);
  }

  private void second(ProcessStatus status) {
    if (shape == RunShape.LAUNCH_FAILED) {
      status.setState(ProcessState.FAILED);
      return;
    }
    status.setState(ProcessState.FORKED)
        .setForkTime(clock.seconds())
        .setCoordinatorPid(pids.next());
  }

  private void third(ProcessStatus status) {
    if (shape == RunShape.LOST_AFTER_FORK) {
      status.setState(ProcessState.LOST);
      return;
    }
    status.setState(ProcessState.RUNNING)
        .setStartTime(clock.seconds())
        .setPid(pids.next());
  }

  private void finish(ProcessStatus status) {
    boolean failed = random.nextDouble() < FAILURE_RATE;
    status.setState(failed ? ProcessState.FAILED : ProcessState.SUCCESS)
        .setStopTime(clock.seconds())
        .setReturnCode(failed ? 1 + random.nextInt(127) : 0);
  }
}
