package dev.thermos.health;

import dev.thermos.config.HealthCheck;
import java.io.Closeable;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs the health checks of the runs it watches, on time, without blocking the caller: one timer
 * thread ({@code thermos-health-timer}) and at most {@code maxConcurrent} checks at once across all
 * processes ({@code thermos-health-check-N} threads; a due check waits for a free one and is then
 * late, never skipped). Results go to the sink from those threads. It keeps no health state: what
 * a run of failures means is the caller's to decide.
 */
public final class HealthMonitor implements Closeable {
  private final Consumer<HealthResult> sink;
  private final Clock clock;
  private final CheckTimer timer;
  private final ExecutorService checks;
  private final BiFunction<HealthCheck, ProbeContext, HealthProbe> probes;
  private final Map<String, WatchedRun> watched = new HashMap<>();
  private boolean closed;

  /**
   * @param sink receives every result, from the monitor's threads (under the watch's lock, which
   *     is how {@link #unwatch} guarantees silence after it returns); must be cheap, must not
   *     block and must not call this monitor
   * @param maxConcurrent the most checks that run at the same time
   * @param clock the time checks are due by and stamped with
   */
  public HealthMonitor(Consumer<HealthResult> sink, int maxConcurrent, Clock clock) {
    this(sink, clock, new ExecutorCheckTimer(), checkPool(maxConcurrent), HealthProbe::of);
  }

  HealthMonitor(Consumer<HealthResult> sink, Clock clock, CheckTimer timer,
      ExecutorService checks, BiFunction<HealthCheck, ProbeContext, HealthProbe> probes) {
    this.sink = Objects.requireNonNull(sink);
    this.clock = Objects.requireNonNull(clock);
    this.timer = timer;
    this.checks = checks;
    this.probes = probes;
  }

  /**
   * Checks run {@code run} of {@code process} from now on: first at {@code startedAtSecs} plus the
   * initial delay (at once if that has passed), then every interval, timed from the start of one
   * check to the start of the next; a check still running when the next is due delays it. Replaces
   * an earlier watch of the process.
   *
   * @throws IllegalArgumentException if the check's target is unusable (a malformed URL or
   *     {@code host:port})
   * @throws IllegalStateException if the monitor is closed
   */
  public synchronized void watch(String process, int run, HealthCheck check,
      ProbeContext context, double startedAtSecs) {
    if (closed) {
      throw new IllegalStateException("the health monitor is closed");
    }
    HealthProbe probe = probes.apply(check, context);
    unwatch(process);
    WatchedRun watch = new WatchedRun(process, run, probe, check.intervalSecs(), sink, clock,
        timer, checks);
    watched.put(process, watch);
    watch.start(startedAtSecs + check.initialDelaySecs());
  }

  /**
   * Stops checking {@code process}: cancels its timer and a check in flight (a {@code cmdline}
   * check's processes are killed); no result of it is delivered after this returns. Nothing
   * happens for a process not watched.
   */
  public synchronized void unwatch(String process) {
    WatchedRun watch = watched.remove(process);
    if (watch != null) {
      watch.cancel();
    }
  }

  /** Unwatches every process and ends the monitor's threads. */
  @Override
  public synchronized void close() {
    closed = true;
    for (String process : List.copyOf(watched.keySet())) {
      unwatch(process);
    }
    timer.shutdown();
    checks.shutdownNow();
  }

  private static ExecutorService checkPool(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedDaemonThreads(
            "thermos-health-check"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
