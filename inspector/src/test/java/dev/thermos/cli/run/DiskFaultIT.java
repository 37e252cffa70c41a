package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Tmpfs;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root on a small tmpfs that fills up or is read-only. A full disk only delays the task: the
 * writers (the runner, the coordinators) keep their records until they can be written, nothing new
 * is launched meanwhile, and once space returns the task ends as if nothing had happened, each
 * process having run once. A read-only root is a setup error (exit 73), not a task result.
 */
class DiskFaultIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long SIZE_BYTES = 8L << 20;

  @TempDir Path dir;

  /**
   * The step after the fill starts 120 processes at once: their WAITING records, one group of
   * more than a page, cannot reach the full disk (a partial write, cut off), so the runner itself
   * waits and launches none of them until the test frees the space.
   */
  @Test
  void theRunnerLaunchesNothingWhileItsCheckpointIsFullAndFinishesOnceSpaceReturns()
      throws Exception {
    try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("root"), SIZE_BYTES)) {
      TestTask task = TestTask.prepare(dir, "diskwave.json", "diskwave");
      Path checkpoint = task.paths().runnerCheckpoint(task.taskId());
      RunnerJvm runner = runFreeingTheDiskAfter(task,
          "thermos run: cannot write " + checkpoint + ": No space left on device", "ran.p");
      TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
      assertEquals(TaskState.SUCCESS, outcome.end(), outcome.toString());
      assertEquals(121, outcome.runs().size(), outcome.toString());
      outcome.runs().forEach((p, runs) -> assertEquals(List.of("SUCCESS(0)"), runs, p));
      assertEquals(1, markers(task.sandbox(), "ran.fill."));
      assertEquals(120, markers(task.sandbox(), "ran.p"), "each process ran once");
      assertTrue(runner.stderr().contains(checkpoint + ": written again, going on"),
          runner.output());
    }
  }

  /** The next step's coordinator meets the full disk and keeps its records until space returns. */
  @Test
  void aTaskThatFillsItsDiskEndsSuccessOnceSpaceReturnsAndEveryProcessRanOnce()
      throws Exception {
    try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("root"), SIZE_BYTES)) {
      TestTask task = TestTask.prepare(dir, "diskfull.json", "diskfull");
      Path coordinator = task.paths().coordinatorCheckpoint(task.taskId(), "after");
      RunnerJvm runner = runFreeingTheDiskAfter(task, "thermos-coordinator: cannot write "
          + coordinator + ": No space left on device", "ran.last.");
      TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
      assertEquals(TaskState.SUCCESS, outcome.end(), outcome.toString());
      assertEquals(Map.of("fill", List.of("SUCCESS(0)"), "after", List.of("SUCCESS(0)"),
          "last", List.of("SUCCESS(0)")), outcome.runs());
      for (String p : List.of("fill", "after", "last")) {
        assertEquals(1, markers(task.sandbox(), "ran." + p + "."), p + " ran more than once");
      }
      // Each writer that met the full disk said so once.
      List<String> said = runner.stderr().lines().filter(l -> l.contains("cannot write")).toList();
      assertEquals(said.size(), new java.util.HashSet<>(said).size(), runner.output());
    }
  }

  /**
   * Starts {@code task}, whose first step fills the disk and touches {@code filled}; waits until
   * a writer {@code said} it cannot write; checks that the task waits (the runner lives, nothing
   * named {@code notYet...} ran); frees the space; returns the runner once it exited 0.
   */
  private static RunnerJvm runFreeingTheDiskAfter(TestTask task, String said, String notYet)
      throws Exception {
    RunnerJvm runner = task.start("runner");
    try {
      task.awaitFile("filled", runner, TIMEOUT);
      awaitStderr(runner, said);
      assertTrue(runner.isAlive(), runner.output());
      assertEquals(0, markers(task.sandbox(), notYet), "ran before the space returned");
      Files.delete(task.sandbox().resolve("fill"));
      assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
      return runner;
    } finally {
      runner.crash();
    }
  }

  @Test
  void aReadOnlyRootIsASetupErrorWithExit73AndOneLine() throws Exception {
    try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("root"), SIZE_BYTES)) {
      TestTask task = TestTask.prepare(dir, "true.json", "readonly");
      tmpfs.remountReadOnly();
      assertSetupError(task.start("runner"), "Read-only file system");
    }
  }

  @Test
  void aFullDiskBeforeTheTaskStartsIsASetupErrorWithExit73AndOneLine() throws Exception {
    try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("root"), SIZE_BYTES)) {
      TestTask task = TestTask.prepare(dir, "true.json", "full");
      tmpfs.fill(task.root().resolve("fill"));
      assertSetupError(task.start("runner"), "No space left on device");
    }
  }

  private static void assertSetupError(RunnerJvm runner, String reason) throws Exception {
    assertEquals(73, runner.exitCode(TIMEOUT), runner.output());
    String err = runner.stderr();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("thermos run: cannot create the root or checkpoint: "), err);
    assertTrue(err.contains(reason), err);
  }

  private static void awaitStderr(RunnerJvm runner, String text) throws Exception {
    long until = System.nanoTime() + TIMEOUT.toNanos();
    while (!runner.stderr().contains(text)) {
      if (!runner.isAlive() || System.nanoTime() > until) {
        throw new AssertionError("no \"" + text + "\" on stderr\n" + runner.output());
      }
      Thread.sleep(20);
    }
  }

  private static long markers(Path sandbox, String prefix) throws Exception {
    try (Stream<Path> files = Files.list(sandbox)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
    }
  }
}
