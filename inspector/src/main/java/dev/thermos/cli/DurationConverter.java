package dev.thermos.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code DURATION}: a whole number and a unit, {@code s}, {@code m}, {@code h} or {@code d}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.length() < 2) {
      throw bad(value);
    }
    long n;
    try {
      n = Long.parseLong(v.substring(0, v.length() - 1));
    } catch (NumberFormatException e) {
      throw bad(value);
    }
    if (n < 0) {
      throw bad(value);
    }
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> throw bad(value);
    };
  }

  private static TypeConversionException bad(String value) {
    return new TypeConversionException("'" + value + "' is not a duration like 30s, 10m, 2h, 7d");
  }
}
