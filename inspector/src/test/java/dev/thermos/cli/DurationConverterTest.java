package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @ParameterizedTest
  @CsvSource({"30s, 30", "10m, 600", "2h, 7200", "7d, 604800", "7200s, 7200", "2d5h, 190800",
      "1h30m, 5400", "1d1h1m1s, 90061", "0s, 0", "2H, 7200"})
  void durationsAreUnitsOrAuroraStyleSequencesOfThem(String text, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), new DurationConverter().convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "", "s", "2w", "-1s", "1.5h", "2d 5h", "d2", "1s2", "99999999999999999999d"})
  void anythingElseIsRefused(String text) {
    assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(text));
  }
}
