package dev.thermos.health;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The {@link CheckTimer} of a running monitor: one daemon thread, {@code thermos-health-timer}. */
final class ExecutorCheckTimer implements CheckTimer {
  private final ScheduledThreadPoolExecutor executor;

  ExecutorCheckTimer() {
    executor = new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads("thermos-health-timer"));
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Future<?> schedule(Runnable task, double delaySecs) {
    long nanos = (long) Math.max(0, Math.min(Long.MAX_VALUE / 2.0, delaySecs * 1e9));
    return executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
  }
}
