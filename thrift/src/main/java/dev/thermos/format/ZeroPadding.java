package dev.thermos.format;

/**
 * Decimal numbers padded with zeros to a width ({@code 007}), without {@link String#format} or a
 * {@code DateTimeFormatter}: their first use loads the locale data of the JDK (CLDR), some ten
 * milliseconds of a task's start-up for the task id and the first progress line.
 */
public final class ZeroPadding {
  private ZeroPadding() {}

  /**
   * Appends {@code value} (not negative) with at least {@code digits} digits, as {@code %0<digits>d}
   * does; returns {@code b}.
   */
  public static StringBuilder append(StringBuilder b, long value, int digits) {
    if (value < 0) {
      throw new IllegalArgumentException("negative: " + value);
    }
    String s = Long.toString(value);
    for (int i = s.length(); i < digits; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}
