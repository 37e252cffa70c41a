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

  static String rate(double perSecond, String unit) {
    return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
  }

  static String millis(double nanos) {
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }
}
