package dev.thermos.bench;

import java.util.SplittableRandom;

/** Simulated wall clock of a task: starts at a fixed epoch and only moves forward, in jittered steps. */
final class SimClock {
  /** 2023-11-14T22:13:20Z: a fixed start keeps generated files reproducible. */
  static final double EPOCH_SECONDS = 1_700_000_000.0;

  private final SplittableRandom random;
  private double now = EPOCH_SECONDS;

  SimClock(SplittableRandom random) {
    this.random = random;
  }

  /** Current time in seconds since the Unix epoch, like Python's time.time(). */
  double seconds() {
    return now;
  }

  long millis() {
    return (long) (now * 1000);
  }

  /** Moves forward by a random step of up to {@code maxSeconds}. */
  double advance(double maxSeconds) {
    now += random.nextDouble() * maxSeconds;
    return now;
  }
}
