package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code simplerun} answer errors with their own table (README): a setup error is
 * never one of the task results 0, 1, 3, 4. Every case fails before a process is started.
 */
class RunExitCodesTest {
  private static final List<Integer> TASK_RESULTS = List.of(0, 1, 3, 4);

  @TempDir Path dir;
  private Path task;

  @BeforeEach
  void task() throws IOException {
    task = Files.writeString(dir.resolve("t.json"),
        "{\"name\": \"t\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"true\"}]}");
  }

  private CliRun run(int expected, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(expected, run.exitCode(), run.out() + run.err());
    assertFalse(TASK_RESULTS.contains(run.exitCode()));
    assertEquals(1, run.err().lines().count(), "one line: " + run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    return run;
  }

  @Test
  void aMalformedPortIsAUsageErrorForRunAndSimplerun() {
    run(64, "run", "--root", dir.resolve("root").toString(), "-P", "http:80:90", task.toString());
    run(64, "simplerun", "--root", dir.resolve("root").toString(), "-P", "http", "--", "true");
  }

  @Test
  void aCorruptCheckpointOnResumeHasItsOwnCode() throws IOException {
    Path runner = dir.resolve("root/checkpoints/t1/runner");
    Files.createDirectories(runner.getParent());
    Files.write(runner, new byte[] {0, 0, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8});
    CliRun r = run(76, "run", "--root", dir.resolve("root").toString(), "--task_id", "t1",
        task.toString());
    assertTrue(r.err().contains(runner.toString()), r.err());
  }

  @Test
  void aCheckpointThatIsADirectoryIsASetupError() throws IOException {
    Files.createDirectories(dir.resolve("root/checkpoints/t1/runner"));
    run(73, "run", "--root", dir.resolve("root").toString(), "--task_id", "t1", task.toString());
  }

  @Test
  void aRootThatCannotBeCreatedIsASetupError() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");
    run(73, "run", "--root", file.resolve("root").toString(), task.toString());
    run(73, "simplerun", "--root", file.resolve("root").toString(), "--", "true");
  }

  @Test
  void aTooLongTaskIdIsAnInvalidTask() {
    run(65, "run", "--root", dir.resolve("root").toString(), "--task_id", "x".repeat(300),
        task.toString());
  }
}
