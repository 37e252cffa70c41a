package dev.thermos.bench;

import java.util.SplittableRandom;

/** Hands out increasing pids with small gaps and wraps like Linux at the default pid_max. */
final class PidAllocator {
  private static final int PID_MAX = 32768;
  private static final int FIRST_AFTER_WRAP = 300;

  private final SplittableRandom random;
  private int last;

  PidAllocator(SplittableRandom random, int first) {
    this.random = random;
    this.last = first - 1;
  }

  int next() {
    last += 1 + random.nextInt(3);
    if (last >= PID_MAX) {
      last = FIRST_AFTER_WRAP + random.nextInt(100);
    }
    return last;
  }
}
