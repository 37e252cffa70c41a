package dev.thermos.planner;

import java.util.SplittableRandom;

/**
 * Exponential backoff of restarts after failures (supervisord #487, Kubernetes' CrashLoopBackOff):
 * after the k-th failure in a row the next run waits {@code initial * multiplier^(k-1)} seconds,
 * capped at {@code max}, spread by ±{@code jitter} (a fraction), and never less than the
 * process's {@code min_duration}. A success, or any run that lived {@code resetAfter} seconds,
 * starts the count again.
 *
 * <p>The jitter is drawn from the process's name and run number, not from a clock or a global
 * random source: a runner restarted after a crash, replaying the checkpoint, computes the same
 * delay as the one it replaces.
 *
 * @param initialSecs the delay after the first failure
 * @param maxSecs the cap
 * @param multiplier the growth per failure, at least 1
 * @param jitter the spread, 0 to 1 (0.1 = ±10 %)
 * @param resetAfterSecs a run that lived this long resets the count
 */
public record RestartBackoff(double initialSecs, double maxSecs, double multiplier, double jitter,
    double resetAfterSecs) {
  /** The values of a field given as {@code {}}. */
  public static final RestartBackoff DEFAULTS = new RestartBackoff(1, 300, 2, 0.1, 600);

  /**
   * The delay before the next run after {@code streak} failures in a row (at least 1), for the
   * run numbered {@code run} (0 for the first run of the process).
   */
  public double delaySecs(String process, int run, int streak) {
    // initial 0 stays 0 (0 times an overflowed power would be NaN: a gate never open).
    double grown = initialSecs == 0 ? 0 : initialSecs * Math.pow(multiplier, Math.max(0, streak - 1));
    double capped = Math.min(maxSecs, grown);
    double spread = capped * (1 + jitter * draw(process, run));
    return Math.max(0, Math.min(maxSecs, spread));
  }

  /** A number in [-1, 1) fixed by the process's name and the run number. */
  static double draw(String process, int run) {
    long seed = ((long) process.hashCode() << 32) ^ run;
    return new SplittableRandom(seed).nextDouble() * 2 - 1;
  }
}
