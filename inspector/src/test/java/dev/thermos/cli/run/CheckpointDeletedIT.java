package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting the checkpoint of a running task ({@code rm -rf} of its directory, or of the whole
 * root): the runner notices (a watch on the directory, a check after each append), stops the
 * task's processes, says so in one line and exits 74. A task that went on without a checkpoint
 * would run every step a second time when the same command is run again.
 */
class CheckpointDeletedIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void deletingTheCheckpointDirectoryStopsTheTaskWithExit74() throws Exception {
    TestTask task = TestTask.prepare(dir, "signals.json", "deleted");
    assertStoppedAfterDeleting(task, task.paths().checkpointDirectory(task.taskId()));
  }

  @Test
  void deletingTheWholeRootStopsTheTaskWithExit74() throws Exception {
    TestTask task = TestTask.prepare(dir, "signals.json", "deleted");
    assertStoppedAfterDeleting(task, task.root());
  }

  private void assertStoppedAfterDeleting(TestTask task, Path victim) throws Exception {
    RunnerJvm runner = task.start("runner");
    task.awaitFile("ready.long", runner, TIMEOUT);
    Path pids = Files.copy(task.sandbox().resolve("pids"), dir.resolve("pids"));
    deleteTree(victim);
    assertEquals(74, runner.exitCode(TIMEOUT), runner.output());
    List<String> said = runner.stderr().lines().toList();
    assertEquals(1, said.size(), runner.output());
    assertTrue(said.get(0).startsWith("thermos run: ") && said.get(0).contains("was deleted"),
        runner.output());
    TaskProcesses.awaitNoneIn(dir, GONE_WITHIN);
    assertEquals(List.of(), TaskProcesses.aliveOf(pids, dir));
  }

  private static void deleteTree(Path top) throws IOException {
    try (Stream<Path> walk = Files.walk(top)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
