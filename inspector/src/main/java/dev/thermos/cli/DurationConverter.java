package dev.thermos.cli;

import dev.thermos.format.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code DURATION}: whole numbers each with a unit, {@code s}, {@code m}, {@code h} or {@code d},
 * one ({@code 30s}, {@code 7d}) or several in a row as Aurora wrote them ({@code 2d5h},
 * {@code 1h30m}); see {@link DurationText}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
