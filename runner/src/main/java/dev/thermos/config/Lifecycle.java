package dev.thermos.config;

import java.util.List;

/**
 * How a process's runs are bounded and stopped: {@code max_runtime} (Helios' WORKER_MAX_TTL,
 * systemd's RuntimeMaxSec), {@code stop_signals} and {@code health_check}.
 *
 * @param maxRuntimeSecs a run still alive after this many seconds is stopped and ends FAILED; 0
 *     for no limit
 * @param stopSignals the rungs of the stop ladder, SIGKILL after the last; null for Aurora's
 *     (SIGTERM, then SIGKILL when the finalization window closes)
 * @param healthCheck how runs are checked, or null
 */
public record Lifecycle(double maxRuntimeSecs, List<StopSignal> stopSignals,
    HealthCheck healthCheck) {
  /** None of the three. */
  public static final Lifecycle NONE = new Lifecycle(0, null, null);

  public Lifecycle {
    stopSignals = stopSignals == null ? null : List.copyOf(stopSignals);
  }

  /** This lifecycle with another health check. */
  public Lifecycle withHealthCheck(HealthCheck check) {
    return new Lifecycle(maxRuntimeSecs, stopSignals, check);
  }
}
