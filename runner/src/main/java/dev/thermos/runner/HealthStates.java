package dev.thermos.runner;

import dev.thermos.health.HealthResult;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each health-checked process's latest run stands: starting (no check passed yet), healthy
 * (one passed; stays so until {@code failures} checks in a row fail), unhealthy (that many failed:
 * the run is being stopped). Pure bookkeeping for the loop thread; {@link HealthFile} keeps it on
 * disk for {@code status} and the observer.
 */
public final class HealthStates {
  /** A run's health. */
  public enum Health {
    STARTING, HEALTHY, UNHEALTHY;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a result changed. */
  enum Change { NONE, COUNTED, BECAME_HEALTHY, BECAME_UNHEALTHY }

  /**
   * One process's health.
   *
   * @param run the run it is about (0-based)
   * @param failures consecutive failed checks now
   * @param checkedSecs when the last check started (0 before the first)
   * @param everHealthy whether any run of the process passed a check
   */
  public record State(int run, Health health, int failures, double checkedSecs, String detail,
      boolean everHealthy) {}

  private final Map<String, State> states = new TreeMap<>();

  /** Run {@code run} of {@code process} is now checked: starting. */
  void started(String process, int run) {
    State was = states.get(process);
    states.put(process, new State(run, Health.STARTING, 0, 0, "",
        was != null && was.everHealthy()));
  }

  /** Takes up what an earlier runner recorded (health.json). */
  void restore(String process, State state) {
    states.put(process, state);
  }

  /** Applies a check's result; a result about another run than the current one changes nothing. */
  Change apply(HealthResult r, int threshold) {
    State s = states.get(r.process());
    if (s == null || s.run() != r.run() || s.health() == Health.UNHEALTHY) {
      return Change.NONE;
    }
    if (r.passed()) {
      states.put(r.process(), new State(s.run(), Health.HEALTHY, 0, r.checkedAtSecs(), r.detail(),
          true));
      return s.health() == Health.HEALTHY && s.failures() == 0 ? Change.NONE
          : s.health() == Health.HEALTHY ? Change.COUNTED : Change.BECAME_HEALTHY;
    }
    int failures = s.failures() + 1;
    Health health = failures >= threshold ? Health.UNHEALTHY : s.health();
    states.put(r.process(), new State(s.run(), health, failures, r.checkedAtSecs(), r.detail(),
        s.everHealthy()));
    return health == Health.UNHEALTHY ? Change.BECAME_UNHEALTHY : Change.COUNTED;
  }

  State get(String process) {
    return states.get(process);
  }

  Map<String, State> all() {
    return Collections.unmodifiableMap(states);
  }
}
