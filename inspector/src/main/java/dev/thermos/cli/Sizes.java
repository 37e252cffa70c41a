package dev.thermos.cli;

import java.util.Locale;

/** Sizes and counts as people read them: {@code 512 bytes}, {@code 1.5 KiB}, {@code 1 task}. */
final class Sizes {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  /** {@code bytes} in bytes below 1 KiB, else in the largest binary unit with one decimal. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return plural(bytes, "byte");
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** {@code 1 task}, {@code 2 tasks}. */
  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
