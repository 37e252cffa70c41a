package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.supervision.TaskMarker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One runner per task: a second {@code thermos run} on a live task is refused (exit 75, one line),
 * unless {@code --force}, which SIGKILLs the first and takes over; a finished task is not run again
 * (exit 105); an invalid task is refused (exit 65) before anything is written under the root.
 */
class RunLockIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aSecondRunnerOnALiveTaskIsRefusedWithOneLine() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "gate");
    RunnerJvm first = task.start("first");
    task.awaitFile("ready.gate", first, TIMEOUT);
    RunnerJvm second = task.start("second");
    assertEquals(75, second.exitCode(TIMEOUT), second.output());
    assertOneLine(second.stderr(), "thermos run: ");
    assertEquals("", second.stdout());
    assertTrue(first.isAlive(), first.output());
    Files.createFile(task.sandbox().resolve("go"));
    assertEquals(0, first.exitCode(TIMEOUT), first.output());
  }

  @Test
  void forceKillsTheLiveRunnerAndTakesTheTaskOver() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "gate");
    RunnerJvm first = task.start("first");
    task.awaitFile("ready.gate", first, TIMEOUT);
    RunnerJvm second = task.start("second", "--force");
    assertTrue(second.awaitOutput("task ACTIVE", TIMEOUT), second.output());
    assertTrue(first.awaitExit(TIMEOUT));
    assertEquals(128 + 9, first.exitCode(TIMEOUT), "the first runner died of SIGKILL");
    Files.createFile(task.sandbox().resolve("go"));
    assertEquals(0, second.exitCode(TIMEOUT), second.output());

    List<TaskStatus> statuses = CheckpointReplay.replay(
        task.paths().runnerCheckpoint(task.taskId())).state().getStatuses();
    assertEquals(first.pid(), statuses.get(0).getRunnerPid());
    assertEquals(TaskState.ACTIVE, statuses.get(1).getState());
    assertEquals(second.pid(), statuses.get(1).getRunnerPid());
    assertEquals(second.pid(), statuses.get(statuses.size() - 1).getRunnerPid());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(TaskState.SUCCESS, outcome.end());
    assertEquals(Map.of("gate", List.of("SUCCESS(0)")), outcome.runs(),
        "adopted, not run again\n" + first.output() + second.output());
    assertEquals("1", task.sandboxFile("count.gate"));
    TaskProcesses.awaitNoneIn(task.dir(), TIMEOUT);
  }

  @Test
  void aFinishedTaskIsNotRunAgain() throws Exception {
    TestTask task = TestTask.prepare(dir, "true.json", "true");
    RunnerJvm first = task.start("first");
    assertEquals(0, first.exitCode(TIMEOUT), first.output());
    Path checkpoint = task.paths().runnerCheckpoint(task.taskId());
    byte[] before = Files.readAllBytes(checkpoint);
    RunnerJvm again = task.start("again");
    assertEquals(105, again.exitCode(TIMEOUT), again.output());
    assertOneLine(again.stderr(), "thermos run: task true already ended SUCCESS");
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(checkpoint)),
        "the checkpoint of a finished task changed");
  }

  @Test
  void aRunnerStartedAfterTheEndWasRecordedFinishesWhatTheDeadOneLeftUndone() throws Exception {
    TestTask task = TestTask.prepare(dir, "true.json", "true");
    RunnerJvm first = task.start("first");
    assertEquals(0, first.exitCode(TIMEOUT), first.output());
    // As if the runner died right after recording SUCCESS: task file in active/, a leftover.
    Path finished = task.paths().taskFile(TaskFileState.FINISHED, task.taskId());
    Path active = task.paths().taskFile(TaskFileState.ACTIVE, task.taskId());
    Files.createDirectories(active.getParent());
    Files.move(finished, active);
    ProcessBuilder leftover = new ProcessBuilder("sleep", "600").directory(task.sandbox().toFile());
    leftover.environment().clear();
    leftover.environment().put("HOME", task.sandbox().toString());
    leftover.environment().put(TaskMarker.VARIABLE,
        TaskMarker.of(task.root(), task.taskId()).value());  // as every process of the task
    Process stray = leftover.start();
    try {
      RunnerJvm again = task.start("again");
      assertEquals(105, again.exitCode(TIMEOUT), again.output());
      assertTrue(stray.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
          "the leftover lives");
      assertTrue(Files.exists(finished) && !Files.exists(active), "the task file was not moved");
    } finally {
      stray.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"invalid-cycle.json", "invalid-field.json", "invalid-port.json"})
  void anInvalidTaskIsRefusedWithOneLineAndNothingWritten(String resource) throws Exception {
    TestTask task = TestTask.prepare(dir, resource, "invalid");
    Path root = dir.resolve("empty-root");
    Files.createDirectories(root);
    RunnerJvm runner = RunnerJvm.run(task.logs(), "runner",
        "--root", root.toString(), "--task_id", "invalid", task.json().toString());
    assertEquals(65, runner.exitCode(TIMEOUT), runner.output());
    assertOneLine(runner.stderr(), "thermos run: ");
    try (Stream<Path> written = Files.list(root)) {
      assertEquals(List.of(), written.toList());
    }
  }

  private static void assertOneLine(String stderr, String prefix) {
    assertTrue(stderr.startsWith(prefix), stderr);
    assertTrue(stderr.endsWith("\n"), stderr);
    assertFalse(stderr.substring(0, stderr.length() - 1).contains("\n"), stderr);
  }
}
