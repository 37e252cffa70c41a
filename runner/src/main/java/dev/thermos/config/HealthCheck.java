package dev.thermos.config;

/**
 * How a process's runs are checked ({@code health_check}: spamd's pings, Kubernetes' probes).
 * A run is healthy after its first passing check and is stopped, ending FAILED, after
 * {@code failures} consecutive failing ones.
 *
 * @param kind what kind of check {@code target} is
 * @param target the command line, URL or {@code host:port}; may hold {@code {{...}}} references
 *     until interpolated
 * @param intervalSecs seconds from the start of one check to the start of the next
 * @param timeoutSecs a check that takes longer fails
 * @param initialDelaySecs seconds after the run started before the first check
 * @param failures consecutive failures that make the run unhealthy
 */
public record HealthCheck(Kind kind, String target, double intervalSecs, double timeoutSecs,
    double initialDelaySecs, int failures) {
  public static final double DEFAULT_INTERVAL_SECS = 10;
  public static final double DEFAULT_TIMEOUT_SECS = 5;
  public static final double DEFAULT_INITIAL_DELAY_SECS = 0;
  public static final int DEFAULT_FAILURES = 3;

  /** The kinds, named as the field that holds the target. */
  public enum Kind {
    /** A command run with {@code /bin/sh -c}; exit status 0 passes. */
    CMDLINE,
    /** An HTTP GET; a 2xx or 3xx answer passes. */
    HTTP,
    /** A TCP connection; accepted passes. */
    TCP;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** This check with another target (its interpolated text). */
  public HealthCheck withTarget(String newTarget) {
    return new HealthCheck(kind, newTarget, intervalSecs, timeoutSecs, initialDelaySecs, failures);
  }
}
