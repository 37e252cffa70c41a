package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.FileLocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spec §11.2 scenario 27, with Aurora's bug fixed: a run that cannot be started (here its
 * coordinator checkpoint is flock'ed by another process) is FAILED without a return code, counts
 * as a failure, and the task goes on to a terminal state instead of stopping in ACTIVE.
 */
class LaunchFailureIT {
  @TempDir Path root;
  private Process holder;

  @AfterEach
  void releaseLock() throws InterruptedException {
    if (holder != null) {
      holder.descendants().forEach(ProcessHandle::destroyForcibly);  // flock(1)'s sleep
      holder.destroyForcibly();
      holder.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRunThatCannotStartFailsCountsAndTheTaskEnds() throws Exception {
    TaskHarness harness = new TaskHarness(root, "locked");
    lock(new TaskPaths(harness.root()).coordinatorCheckpoint("locked", "stuck"));
    TaskResult r = harness.run("""
        {"name": "locked", "processes": [
          {"name": "stuck", "cmdline": "echo never", "max_failures": 2, "min_duration": 0},
          {"name": "ok", "cmdline": "echo fine"}],
         "constraints": [{"order": ["ok", "stuck"]}]}""");
    r.assertEnded(TaskState.FAILED);
    assertEquals("stuck:0/WAITING stuck:1/FAILED stuck:2/WAITING stuck:3/FAILED",
        r.processSequence("stuck"));
    for (ProcessStatus run : r.runs("stuck")) {
      assertFalse(run.isSetReturnCode() || run.isSetStopTime(), "a launch failure: " + run);
    }
    assertEquals("ok:0/WAITING ok:1/FORKED ok:2/RUNNING ok:3/SUCCESS=0", r.processSequence("ok"));
    assertEquals("ACTIVE CLEANING FINALIZING FAILED", r.taskStates());
    assertEquals(0, Files.size(new TaskPaths(root).coordinatorCheckpoint("locked", "stuck")));
    assertFalse(Files.exists(r.log("stuck", 0, "stdout")), "a run that never started logs nothing");
    TaskPaths paths = new TaskPaths(root);
    assertTrue(Files.exists(paths.taskFile(TaskPaths.TaskFileState.FINISHED, "locked")));
    assertFalse(Files.exists(paths.taskFile(TaskPaths.TaskFileState.ACTIVE, "locked")));
  }

  /**
   * A process plants a link on its next run's log path (the stdout file, {@code .logs}, or its
   * {@code <process>} directory) to a place outside the sandbox: that run does not start (the
   * coordinator refuses the link, saying so on the runner's stderr), it is a launch failure, and
   * the file outside keeps its exact content.
   */
  @ParameterizedTest(name = "{0} in {1} mode")
  @CsvSource({
      ".logs/p/1/stdout, standard", ".logs/p/1/stdout, rotate",
      ".logs, standard", ".logs, rotate",
      ".logs/p, standard", ".logs/p, rotate"})
  void aLinkPlantedOnTheNextRunsLogPathMakesItALaunchFailureAndLeavesTheTargetAlone(String link,
      String mode) throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Path secret = link.endsWith("stdout") ? outside.resolve("secret")
        : outside.resolve(Path.of(link).relativize(Path.of(".logs/p/1/stdout")));
    Files.createDirectories(secret.getParent());
    Files.writeString(secret, "precious\n");
    Path target = link.endsWith("stdout") ? secret : outside;
    String plant = link.endsWith("stdout") ? "mkdir -p .logs/p/1" : "mv " + link + " moved";
    TaskResult r = new TaskHarness(root, "planted").run("""
        {"name": "planted", "processes": [{"name": "p", "max_failures": 2, "min_duration": 0,
          "logger": {"mode": "%s"},
          "cmdline": "echo owned; %s && ln -s %s %s; echo more; exit 1"}]}"""
        .formatted(mode, plant, target, link));
    r.assertEnded(TaskState.FAILED);
    assertEquals("p:0/WAITING p:1/FORKED p:2/RUNNING p:3/FAILED=1 p:4/WAITING p:5/FAILED",
        r.processSequence("p"));
    assertFalse(r.runs("p").get(1).isSetReturnCode(), "a launch failure");
    assertEquals("precious\n", Files.readString(secret));
    try (var files = Files.walk(outside)) {
      assertEquals(1, files.filter(Files::isRegularFile).count(), "nothing new outside");
    }
    assertTrue(Files.isSymbolicLink(root.resolve("sandbox/planted").resolve(link)), "left as is");
  }

  /** Starts {@code flock(1)} holding {@code file}'s lock and waits until it does. */
  private void lock(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    holder = new ProcessBuilder("flock", "-x", file.toString(), "sleep", "300").start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!FileLocks.isHeld(file)) {
      assertTrue(System.nanoTime() < deadline && holder.isAlive(), "flock never held " + file);
      Thread.sleep(10);
    }
  }
}
