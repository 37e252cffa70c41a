package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every task in {@code examples/} is valid: {@code thermos inspect} accepts it as run would. */
class ExamplesTest {
  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      List<Path> tasks = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertTrue(tasks.size() >= 8, "examples found: " + tasks);
      return tasks;
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void inspectAcceptsTheExample(Path task) {
    CliRun run = CliRun.of("inspect", task.toString());
    assertEquals(0, run.exitCode(), task + ": " + run.err());
  }
}
