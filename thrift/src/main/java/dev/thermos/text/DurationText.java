package dev.thermos.text;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DURATION} as the command line writes it: whole numbers each with a unit, {@code s},
 * {@code m}, {@code h} or {@code d}, one ({@code 30s}, {@code 7d}) or several in a row as Aurora
 * wrote them ({@code 2d5h}, {@code 1h30m}). Shared by {@code gc --max-age} and
 * {@code observe --history-retention}.
 */
public final class DurationText {
  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+[smhd])+");
  private static final Pattern PART = Pattern.compile("([0-9]+)([smhd])");

  private DurationText() {}

  /**
   * The duration {@code value} writes.
   *
   * @throws IllegalArgumentException when it is not one, with a one-line message
   */
  public static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(v).matches()) {
      throw bad(value);
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(v);
    try {
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2).charAt(0)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw bad(value);
    }
    return total;
  }

  private static IllegalArgumentException bad(String value) {
    return new IllegalArgumentException(
        "'" + value + "' is not a duration like 30s, 10m, 2h, 7d or 2d5h");
  }
}
