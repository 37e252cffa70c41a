package dev.thermos.planner;

/**
 * How the runs of one process have ended so far, and when the last one ended. Mutable, owned by
 * one {@link TaskPlanner}.
 */
final class RunCounters {
  private int successes;
  private int failures;
  private int losses;
  private double lastTerminalSecs = Double.NaN;

  void success(double endSecs) {
    successes++;
    lastTerminalSecs = endSecs;
  }

  void failure(double endSecs) {
    failures++;
    lastTerminalSecs = endSecs;
  }

  void loss(double endSecs) {
    losses++;
    lastTerminalSecs = endSecs;
  }

  int failures() {
    return failures;
  }

  /** @return every ended run: successes, failures and losses */
  int runs() {
    return successes + failures + losses;
  }

  /** @return whether any run has ended */
  boolean hasEnded() {
    return !Double.isNaN(lastTerminalSecs);
  }

  /** @return when the last run ended (NaN if none has) */
  double lastTerminalSecs() {
    return lastTerminalSecs;
  }
}
