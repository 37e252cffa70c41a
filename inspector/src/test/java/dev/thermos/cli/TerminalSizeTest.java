package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Under surefire stdout is a pipe, so the size comes from the environment. */
class TerminalSizeTest {
  @Test
  void withoutATerminalTheEnvironmentGivesTheSize() {
    assertEquals(new TerminalSize(30, 100),
        TerminalSize.ofStdout(Map.of("LINES", "30", "COLUMNS", "100")));
  }

  @Test
  void nonsenseInTheEnvironmentFallsBackToTwentyFourByEighty() {
    assertEquals(new TerminalSize(24, 80),
        TerminalSize.ofStdout(Map.of("LINES", "-3", "COLUMNS", "wide")));
  }
}
