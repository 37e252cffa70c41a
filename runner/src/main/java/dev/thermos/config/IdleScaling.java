package dev.thermos.config;

/**
 * Idle-based scaling of an instanced process (spamd's prefork pool): {@code "instances": {"min":
 * 2, "max": 10, "min_idle": 1, "max_idle": 3}}. Each copy writes {@code idle} or {@code busy} to
 * its {@code {{thermos.status_file}}}; while fewer than {@code minIdle} copies are idle the runner
 * adds one (up to {@code max}), while more than {@code maxIdle} are idle it removes the
 * highest-numbered copy when that one is idle (down to {@code min}), at most one change per
 * {@code intervalSecs}.
 *
 * @param count the copies there are now (a scale changes it; {@code min} at first)
 */
public record IdleScaling(int min, int max, int minIdle, int maxIdle, double intervalSecs,
    int count) {
  public static final double DEFAULT_INTERVAL_SECS = 10;

  /** The same with {@code n} copies. */
  public IdleScaling withCount(int n) {
    return new IdleScaling(min, max, minIdle, maxIdle, intervalSecs, n);
  }
}
