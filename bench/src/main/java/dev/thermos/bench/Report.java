package dev.thermos.bench;

import java.util.Locale;

/** Prints result rows of the Markdown table that bench/run.sh assembles. */
final class Report {
  private Report() {}

  /** A row without a target. */
  static void row(String benchmark, String result) {
    row(benchmark, result, "", "");
  }

  /** A row with a target and whether it was met. */
  static void row(String benchmark, String result, String target, boolean met) {
    row(benchmark, result, target, met ? "PASS" : "MISS");
  }

  private static void row(String benchmark, String result, String target, String verdict) {
    System.out.printf(Locale.ROOT, "| %-50s | %28s | %-12s | %-4s |%n",
        benchmark, result, target, verdict);
  }

  /** Two rows, min and median of {@code runs}; with a target when {@code targetMs} > 0. */
  static void minAndMedian(String label, Samples samples, int runs, double targetMs) {
    String min = millis(samples.minNanos());
    String median = millis(samples.medianNanos());
    if (targetMs > 0) {
      String target = "< " + millis(targetMs * 1e6);
      row(label + ", min of " + runs, min, target, samples.minNanos() < targetMs * 1e6);
      row(label + ", median", median, target, samples.medianNanos() < targetMs * 1e6);
    } else {
      row(label + ", min of " + runs, min);
      row(label + ", median", median);
    }
  }

  static String rate(double perSecond, String unit) {
    return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
  }

  static String millis(double nanos) {
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }
}
