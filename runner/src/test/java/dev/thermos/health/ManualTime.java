package dev.thermos.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A clock, a timer and a check pool that move only when a test says so: timers fire in due order
 * on {@link #advanceTo}, queued checks run on {@link #runQueuedChecks}, all on the test's thread.
 */
final class ManualTime extends Clock implements CheckTimer {
  private record Timed(double dueSecs, long order, FutureTask<Void> task) {}

  private double nowSecs;
  private long scheduled;
  private final List<Timed> timers = new ArrayList<>();
  private final Checks checks = new Checks();
  private boolean timerShutDown;

  ManualTime(double nowSecs) {
    this.nowSecs = nowSecs;
  }

  double nowSecs() {
    return nowSecs;
  }

  /** Moves the clock only (as a check that takes time does). */
  void elapse(double secs) {
    nowSecs += secs;
  }

  /** Moves the clock to {@code secs}, firing every timer due by then in due order. */
  void advanceTo(double secs) {
    while (true) {
      timers.removeIf(t -> t.task().isCancelled());
      Timed next = timers.stream().min(Comparator.comparingDouble(Timed::dueSecs)
          .thenComparingLong(Timed::order)).orElse(null);
      if (next == null || next.dueSecs() > secs) {
        break;
      }
      timers.remove(next);
      nowSecs = Math.max(nowSecs, next.dueSecs());
      next.task().run();
    }
    nowSecs = Math.max(nowSecs, secs);
  }

  /** When the next timer fires, or infinity. */
  double nextDueSecs() {
    return timers.stream().filter(t -> !t.task().isCancelled()).mapToDouble(Timed::dueSecs).min()
        .orElse(Double.POSITIVE_INFINITY);
  }

  /** Timers set and not yet fired or cancelled. */
  long pendingTimers() {
    return timers.stream().filter(t -> !t.task().isCancelled()).count();
  }

  Checks checks() {
    return checks;
  }

  boolean timerShutDown() {
    return timerShutDown;
  }

  @Override
  public Future<?> schedule(Runnable task, double delaySecs) {
    FutureTask<Void> future = new FutureTask<>(task, null);
    timers.add(new Timed(nowSecs + Math.max(0, delaySecs), scheduled++, future));
    return future;
  }

  @Override
  public void shutdown() {
    timerShutDown = true;
    timers.forEach(t -> t.task().cancel(false));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    long whole = (long) Math.floor(nowSecs);
    return Instant.ofEpochSecond(whole, Math.round((nowSecs - whole) * 1e9));
  }

  /** The check pool: checks wait in a queue until the test runs them. */
  static final class Checks extends AbstractExecutorService {
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private boolean shutDown;

    int queued() {
      queue.removeIf(r -> r instanceof Future<?> f && f.isCancelled());
      return queue.size();
    }

    /** Runs the checks queued now (not those they queue in turn), oldest first. */
    void runQueued() {
      int n = queue.size();
      for (int i = 0; i < n; i++) {
        queue.poll().run();
      }
    }

    @Override
    public void execute(Runnable command) {
      if (shutDown) {
        throw new java.util.concurrent.RejectedExecutionException();
      }
      queue.add(command);
    }

    @Override
    public void shutdown() {
      shutDown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutDown = true;
      List<Runnable> left = new ArrayList<>(queue);
      queue.clear();
      return left;
    }

    @Override
    public boolean isShutdown() {
      return shutDown;
    }

    @Override
    public boolean isTerminated() {
      return shutDown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutDown;
    }
  }
}
