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
  private int streak;
  private boolean lastFailed;

  void success(double endSecs) {
    successes++;
    lastTerminalSecs = endSecs;
    streak = 0;
    lastFailed = false;
  }

  /** A failed run that lived {@code livedSecs} (NaN when unknown); {@code resetAfterSecs} resets. */
  void failure(double endSecs, double livedSecs, double resetAfterSecs) {
    failures++;
    lastTerminalSecs = endSecs;
    if (livedSecs >= resetAfterSecs) {
      streak = 0;
    }
    streak++;
    lastFailed = true;
  }

  void loss(double endSecs, double livedSecs, double resetAfterSecs) {
    losses++;
    lastTerminalSecs = endSecs;
    if (livedSecs >= resetAfterSecs) {
      streak = 0;
    }
    lastFailed = false;
  }

  /** Failures in a row, counted since the last success or the last run that lived long enough. */
  int streak() {
    return streak;
  }

  /** Whether the last run that ended failed. */
  boolean lastFailed() {
    return lastFailed;
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
