package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunnerStateJsonTest {
  @ParameterizedTest
  @CsvSource({
      "1764000000.5, 1764000000.5",
      "1764000001.0, 1764000001.0",
      "1764000000.51, 1764000000.51",
      "0.0, 0.0",
      "1.5, 1.5",
      "0.000125, 0.000125",
      "1.0E-7, 0.0000001",
      "-1764000000.25, -1764000000.25",
      "1.0E21, 1000000000000000000000.0",
  })
  void timesArePlainDecimals(double value, String expected) {
    assertEquals(expected, RunnerStateJson.plainDecimal(value));
    assertEquals(value, Double.parseDouble(RunnerStateJson.plainDecimal(value)));
  }
}
