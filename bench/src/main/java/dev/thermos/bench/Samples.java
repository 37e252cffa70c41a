package dev.thermos.bench;

import java.util.Arrays;

/** Measured durations of repeated runs, in nanoseconds. */
final class Samples {
  private final long[] sorted;

  Samples(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  int size() {
    return sorted.length;
  }

  long minNanos() {
    return sorted[0];
  }

  long totalNanos() {
    long total = 0;
    for (long n : sorted) {
      total += n;
    }
    return total;
  }

  /** The median; the mean of the two middle samples for an even count. */
  double medianNanos() {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** Throughput of the fastest run for {@code items} per run, per second. */
  double bestRate(long items) {
    return items * 1e9 / minNanos();
  }

  double medianRate(long items) {
    return items * 1e9 / medianNanos();
  }
}
