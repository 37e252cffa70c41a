package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful {@code thermos kill} of a task whose runner is Aurora's sends SIGUSR1, the signal
 * Aurora's runner takes as a graceful kill (SIGTERM ends it at once, without CLEANING or
 * finalizers). Aurora's runner is played by a script named like it that holds the checkpoint's
 * flock and notes the signal it gets.
 */
class AuroraRunnerKillIT {
  private static final String TASK = "aurora-task";

  @TempDir Path dir;

  @Test
  void aGracefulKillSendsTheSignalAurorasRunnerTakesAsAKill() throws Exception {
    Path root = dir.resolve("root");
    Path checkpoint = root.resolve("checkpoints").resolve(TASK).resolve("runner");
    Files.createDirectories(checkpoint.getParent());
    Files.createDirectories(root.resolve("tasks/active"));
    Files.writeString(root.resolve("tasks/active").resolve(TASK),
        "{\"name\": \"t\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"sleep 60\"}]}");
    Path got = dir.resolve("got");
    Path script = Files.writeString(dir.resolve("thermos_runner.sh"), String.join("\n",
        "#!/bin/bash",
        "read -r go",
        "exec 9<" + checkpoint,
        "flock -x 9",
        "trap 'echo USR1 > " + got + "; exit 0' USR1",
        "trap 'echo TERM > " + got + "; exit 0' TERM",
        "echo locked > " + dir.resolve("ready"),
        "sleep 300 9<&- & wait",
        ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Process runner = new ProcessBuilder(script.toString()).start();
    try {
      startStandIn(script, runner, checkpoint, new RunnerHeader().setTaskId(TASK));

      CliRun kill = CliRun.of("kill", "--root", root.toString(), TASK);

      assertEquals(0, kill.exitCode(), kill.out() + kill.err());
      assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
      assertEquals("USR1", Files.readString(got).strip());
      RunnerState state = CheckpointReplay.replay(checkpoint).state();
      assertEquals(TaskState.KILLED,
          state.getStatuses().get(state.getStatuses().size() - 1).getState());
    } finally {
      runner.destroyForcibly();
    }
  }

  @Test
  void runForceTakesATaskFromALiveAurorasRunner() throws Exception {
    Path root = dir.resolve("root");
    Path checkpoint = root.resolve("checkpoints").resolve(TASK).resolve("runner");
    Files.createDirectories(checkpoint.getParent());
    Path task = Files.writeString(dir.resolve("task.json"),
        "{\"name\": \"t\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"true\"}]}");
    // Aurora's runner takes the lock itself (Python's fcntl.flock), so /proc/locks names it:
    // perl plays it (bash's flock(1) would lock from a child process that exits).
    Path script = Files.writeString(dir.resolve("thermos_runner.pl"), String.join("\n",
        "#!/usr/bin/perl",
        "use Fcntl qw(:flock);",
        "my $go = <STDIN>;",
        "open(my $f, '<', '" + checkpoint + "') or die;",
        "flock($f, LOCK_EX) or die;",
        "open(my $r, '>', '" + dir.resolve("ready") + "') or die; close($r);",
        "sleep 300;",
        ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Process runner = new ProcessBuilder(script.toString()).start();
    try {
      startStandIn(script, runner, checkpoint, new RunnerHeader().setTaskId(TASK)
          .setSandbox(root.resolve("sandbox").resolve(TASK).toString()));

      CliRun locked = CliRun.of("run", "--root", root.toString(), "--task_id", TASK,
          task.toString());
      assertEquals(75, locked.exitCode(), locked.err());
      CliRun forced = CliRun.of("run", "--force", "--root", root.toString(), "--task_id", TASK,
          task.toString());

      assertEquals(0, forced.exitCode(), forced.out() + forced.err());
      assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "Aurora's runner was not removed");
      RunnerState state = CheckpointReplay.replay(checkpoint).state();
      assertEquals(TaskState.SUCCESS,
          state.getStatuses().get(state.getStatuses().size() - 1).getState());
    } finally {
      runner.destroyForcibly();
    }
  }

  /**
   * Records the stand-in {@code runner} as the task's runner (an ACTIVE status with its pid, then
   * {@code header}), lets it go on to take the checkpoint's lock, and waits until it holds it.
   */
  private void startStandIn(Path script, Process runner, Path checkpoint, RunnerHeader header)
      throws Exception {
    long now = System.currentTimeMillis();
    try (CheckpointWriter writer = CheckpointWriter.open(checkpoint)) {
      writer.append(List.of(Records.task(TaskState.ACTIVE, now, (int) runner.pid(), 0),
          RunnerCkpt.runner_header(header.setLaunchTimeMs(now))));
    }
    runner.getOutputStream().write("go\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    runner.getOutputStream().flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(dir.resolve("ready")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(dir.resolve("ready")), script + " did not take the lock");
  }
}
