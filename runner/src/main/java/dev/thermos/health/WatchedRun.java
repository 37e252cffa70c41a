package dev.thermos.health;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The checks of one run of one process: a timer that hands a due check to the monitor's pool,
 * which runs it when a slot is free (late then, never skipped); the next check is timed from the
 * start of this one and is set only when this one has ended, so one run never has two checks at
 * once.
 *
 * <pre>
 *   watch ──► waiting ──(due)──► queued ──(slot)──► checking ──(result)──► waiting ...
 *                 └───────────────┴─────────────────────┴──(cancel)──► cancelled
 * </pre>
 *
 * Results are handed over under this object's lock, and {@link #cancel()} takes it, so no result
 * is delivered once {@code cancel} has returned.
 */
final class WatchedRun {
  private final String process;
  private final int run;
  private final HealthProbe probe;
  private final double intervalSecs;
  private final Consumer<HealthResult> sink;
  private final Clock clock;
  private final CheckTimer timer;
  private final Executor checks;

  private boolean cancelled;
  private Future<?> pending;

  WatchedRun(String process, int run, HealthProbe probe, double intervalSecs,
      Consumer<HealthResult> sink, Clock clock, CheckTimer timer, Executor checks) {
    this.process = process;
    this.run = run;
    this.probe = probe;
    this.intervalSecs = intervalSecs;
    this.sink = sink;
    this.clock = clock;
    this.timer = timer;
    this.checks = checks;
  }

  /** Sets the first check for {@code dueSecs} (epoch seconds; at once if that has passed). */
  synchronized void start(double dueSecs) {
    scheduleAt(dueSecs);
  }

  /** Cancels the timer or the check in flight (interrupting it); delivers nothing after. */
  synchronized void cancel() {
    cancelled = true;
    if (pending != null) {
      pending.cancel(true);
      pending = null;
    }
  }

  private void scheduleAt(double dueSecs) {
    if (!cancelled) {
      pending = timer.schedule(this::due, dueSecs - nowSecs());
    }
  }

  private synchronized void due() {
    if (!cancelled) {
      FutureTask<Void> check = new FutureTask<>(this::check, null);
      pending = check;
      checks.execute(check);
    }
  }

  private void check() {
    double startedAtSecs = nowSecs();
    ProbeOutcome outcome;
    try {
      outcome = probe.check();
    } catch (InterruptedException e) {
      return;
    } catch (Exception e) {
      outcome = ProbeOutcome.failure(e);
    }
    synchronized (this) {
      if (cancelled) {
        return;
      }
      try {
        sink.accept(new HealthResult(process, run, outcome.passed(), outcome.detail(),
            startedAtSecs));
      } finally {
        scheduleAt(startedAtSecs + intervalSecs);
      }
    }
  }

  private double nowSecs() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }
}
