package dev.thermos.planner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the planner needs to know about one process of a task: the scheduling subset of Aurora's
 * {@code Process} struct.
 *
 * <p>Values are taken as given, like Aurora does (the task validator owns range checks): a
 * negative {@code maxFailures} behaves like 1 and a negative {@code minDurationSecs} like 0.
 *
 * @param name the process name (unique within the task)
 * @param minDurationSecs seconds that must pass after a run <em>ends</em> before the next run
 *     may start; the first run is never delayed
 * @param daemon whether the process runs again after a success
 * @param ephemeral whether the process is ignored when deciding that its plan is complete
 * @param maxFailures failed runs after which the process is permanently failed; 0 = unlimited
 * @param isFinal whether the process belongs to the finalizing plan rather than the regular one
 * @param backoff how restarts after failures are delayed beyond {@code minDurationSecs}, or null
 *     for Aurora's rule alone
 * @param dependsOn the processes this one waits for and how ({@code depends_on}), in the order
 *     given; empty for none
 */
public record ProcessAttributes(
    String name,
    double minDurationSecs,
    boolean daemon,
    boolean ephemeral,
    int maxFailures,
    boolean isFinal,
    RestartBackoff backoff,
    Map<String, DependsOn> dependsOn) {

  /** Aurora's schema default for {@code min_duration}, in seconds. */
  public static final double DEFAULT_MIN_DURATION_SECS = 5;

  /** Aurora's schema default for {@code max_failures}. */
  public static final int DEFAULT_MAX_FAILURES = 1;

  /** Attributes without a {@link RestartBackoff} and without {@code depends_on}: Aurora's. */
  public ProcessAttributes(String name, double minDurationSecs, boolean daemon, boolean ephemeral,
      int maxFailures, boolean isFinal) {
    this(name, minDurationSecs, daemon, ephemeral, maxFailures, isFinal, null, Map.of());
  }

  /** Attributes without {@code depends_on}. */
  public ProcessAttributes(String name, double minDurationSecs, boolean daemon, boolean ephemeral,
      int maxFailures, boolean isFinal, RestartBackoff backoff) {
    this(name, minDurationSecs, daemon, ephemeral, maxFailures, isFinal, backoff, Map.of());
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code minDurationSecs} is NaN
   */
  public ProcessAttributes {
    Objects.requireNonNull(name, "name");
    dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
    if (Double.isNaN(minDurationSecs)) {
      throw new IllegalArgumentException("process " + name + ": min_duration is NaN");
    }
  }

  /**
   * A process with Aurora's schema defaults: min_duration 5, max_failures 1, not a daemon, not
   * ephemeral, not final.
   *
   * @param name the process name
   * @return the attributes
   */
  public static ProcessAttributes withDefaults(String name) {
    return new ProcessAttributes(
        name, DEFAULT_MIN_DURATION_SECS, false, false, DEFAULT_MAX_FAILURES, false);
  }

  /** @return a copy with the given name */
  public ProcessAttributes withName(String value) {
    return new ProcessAttributes(value, minDurationSecs, daemon, ephemeral, maxFailures, isFinal,
        backoff, dependsOn);
  }

  /** @return a copy with the given min_duration */
  public ProcessAttributes withMinDurationSecs(double secs) {
    return new ProcessAttributes(name, secs, daemon, ephemeral, maxFailures, isFinal,
        backoff, dependsOn);
  }

  /** @return a copy with the given daemon bit */
  public ProcessAttributes withDaemon(boolean value) {
    return new ProcessAttributes(name, minDurationSecs, value, ephemeral, maxFailures, isFinal,
        backoff, dependsOn);
  }

  /** @return a copy with the given ephemeral bit */
  public ProcessAttributes withEphemeral(boolean value) {
    return new ProcessAttributes(name, minDurationSecs, daemon, value, maxFailures, isFinal,
        backoff, dependsOn);
  }

  /** @return a copy with the given max_failures */
  public ProcessAttributes withMaxFailures(int value) {
    return new ProcessAttributes(name, minDurationSecs, daemon, ephemeral, value, isFinal,
        backoff, dependsOn);
  }

  /** @return a copy with the given final bit */
  public ProcessAttributes withFinal(boolean value) {
    return new ProcessAttributes(name, minDurationSecs, daemon, ephemeral, maxFailures, value,
        backoff, dependsOn);
  }
}
