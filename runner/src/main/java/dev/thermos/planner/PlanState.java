package dev.thermos.planner;

/**
 * Where one process stands in its plan; see the diagram on {@link Planner}.
 *
 * <p>{@link #PENDING} covers both "runnable" (every dependency finished) and "blocked"; the
 * distinction is derived, not stored.
 */
public enum PlanState {
  /** Not running and not terminal: runnable once every dependency has finished. */
  PENDING,
  /** A run is in progress. */
  RUNNING,
  /** Terminal: done for good (satisfies its dependents). */
  FINISHED,
  /** Terminal: given up on (never satisfies its dependents). */
  FAILED;

  /** @return whether the state is absorbing */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED;
  }
}
