package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.supervision.TaskMarker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-of-task sweep takes the task's processes and nobody else's: a process is the task's by
 * the {@code THERMOS_TASK} marker the runner gives it, never by {@code HOME=<sandbox>}, which anyone
 * (or another task given the same {@code --sandbox}) may have.
 */
class SweepIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void processesWithTheSandboxAsHomeButNotTheTasksMarkerSurviveTheTask() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "gate");
    RunnerJvm runner = task.start("runner");
    task.awaitFile("ready.gate", runner, TIMEOUT);
    String home = "HOME=" + task.sandbox();
    String otherTask = TaskMarker.of(task.root(), "another-task").entry();
    List<Process> strangers = new ArrayList<>();
    try {
      // Started after the task's launch: a user's shell, and a process of another task given the
      // same sandbox (its own marker), in a session of its own.
      strangers.add(new ProcessBuilder("env", home, "sleep", "600").start());
      strangers.add(new ProcessBuilder("setsid", "env", home, otherTask, "sleep", "600").start());
      Files.createFile(task.sandbox().resolve("go"));
      assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
      for (Process p : strangers) {
        assertTrue(p.isAlive(), "the sweep killed a process that is not the task's: " + p.pid());
      }
    } finally {
      strangers.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void anOrphanThatClearedItsEnvironmentDiesWithTheTaskWhileTheRunnerLives() throws Exception {
    // env -i drops the marker and setsid leaves the run's session: while the runner lives, the
    // orphan is still below it (a child subreaper), in a session the runner did not make.
    TestTask task = TestTask.prepare(dir, "tree-hidden-ends.json", "tree-hidden-ends");
    RunnerJvm runner = task.start("runner");
    assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
    String orphan = task.sandboxFile("orphan.pid");
    assertTrue(orphan != null, "the grandchild never started\n" + runner.output());
    TaskProcesses.awaitNoneIn(task.dir(), Duration.ofSeconds(3));
  }
}
