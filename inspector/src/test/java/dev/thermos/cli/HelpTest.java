package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelpTest {
  static Stream<String> verbs() {
    return Main.verbs().stream();
  }

  @ParameterizedTest
  @MethodSource("verbs")
  void everyVerbShowsItsUsageOnDashDashHelp(String verb) {
    assertUsage(verb, CliRun.of(verb, "--help"));
  }

  @ParameterizedTest
  @MethodSource("verbs")
  void everyVerbShowsItsUsageOnDashH(String verb) {
    assertUsage(verb, CliRun.of(verb, "-h"));
  }

  @ParameterizedTest
  @MethodSource("verbs")
  void helpVerbShowsEachVerbsUsage(String verb) {
    assertUsage(verb, CliRun.of("help", verb));
  }

  private static void assertUsage(String verb, CliRun run) {
    assertEquals(0, run.exitCode(), verb + ": " + run.err());
    assertTrue(run.out().contains("Usage: thermos " + verb + " "), verb + ": " + run.out());
    assertEquals("", run.err(), verb);
  }
}
