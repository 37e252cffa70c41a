package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.ProcessIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our runner resumes a task whose Aurora runner was SIGKILLed while a process still ran, and
 * adopts that process instead of recording it LOST and killing it. As with Aurora's runner, the
 * coordinator's checkpoint lock is held by a process that is not a thermos coordinator (here the
 * user process itself, which took the lock and exec'd), and the recorded pids are alive.
 */
class AuroraAdoptionIT {
  private static final String TASK = "aurora-adopt";

  @TempDir Path dir;

  @Test
  void aLiveProcessOfAnAuroraRunnerIsAdoptedNotKilled() throws Exception {
    Path root = dir.resolve("root");
    Path checkpoints = Files.createDirectories(root.resolve("checkpoints").resolve(TASK));
    Path sandbox = Files.createDirectories(root.resolve("sandbox").resolve(TASK));
    Path ready = dir.resolve("ready");
    Path script = Files.writeString(dir.resolve("aurora-process.sh"), String.join("\n",
        "#!/bin/bash",
        "read -r go",
        "exec 9>>" + checkpoints.resolve("coordinator.p"),
        "flock -x 9",
        "echo locked > " + ready,
        "exec sleep 300",
        ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Process user = new ProcessBuilder(script.toString()).start();
    RunnerJvm runner = null;
    try {
      int pid = (int) user.pid();
      double started = ProcessIdentity.startTimeSecs(pid).orElseThrow();
      long now = System.currentTimeMillis();
      try (CheckpointWriter coordinator = CheckpointWriter.open(checkpoints.resolve("coordinator.p"))) {
        coordinator.append(List.of(Records.forked("p", 1, started, pid),
            Records.running("p", 2, started, pid)));
      }
      try (CheckpointWriter stream = CheckpointWriter.open(checkpoints.resolve("runner"))) {
        stream.append(List.of(Records.task(TaskState.ACTIVE, now, deadPid(), 0),
            RunnerCkpt.runner_header(new RunnerHeader().setTaskId(TASK).setLaunchTimeMs(now)
                .setSandbox(sandbox.toString()).setLogDir(sandbox.resolve(".logs").toString())),
            Records.waiting("p", 0), Records.forked("p", 1, started, pid),
            Records.running("p", 2, started, pid)));
      }
      user.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
      user.getOutputStream().flush();
      await("the stand-in holds the lock", () -> Files.exists(ready));

      Path task = Files.writeString(dir.resolve("task.json"), "{\"name\": \"" + TASK
          + "\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"true\"},"
          + " {\"name\": \"q\", \"cmdline\": \"true\"}]}");
      runner = RunnerJvm.run(dir, "runner", "--root", root.toString(), "--task_id", TASK,
          task.toString());
      // q is launched by the loop, which starts once recovery has resolved p.
      Path stream = checkpoints.resolve("runner");
      await("q launched after recovery", () -> runs(CheckpointReplay.replay(stream).state(), "q") > 0);

      RunnerState recovered = CheckpointReplay.replay(stream).state();
      assertEquals(ProcessState.RUNNING, last(recovered, "p").getState(), "p was adopted");
      assertTrue(user.isAlive(), "the Aurora process was not killed");

      LibC.kill(pid, LibC.SIGKILL);  // it ends (without an end record: its coordinator is gone)
      assertEquals(0, runner.exitCode(java.time.Duration.ofSeconds(60)), runner.output());
      RunnerState end = CheckpointReplay.replay(checkpoints.resolve("runner")).state();
      List<ProcessStatus> p = end.getProcesses().get("p");
      assertEquals(ProcessState.LOST, p.get(0).getState(), "the adopted run ended when it died");
      assertEquals(ProcessState.SUCCESS, p.get(p.size() - 1).getState());
      assertEquals(TaskState.SUCCESS,
          end.getStatuses().get(end.getStatuses().size() - 1).getState());
    } finally {
      user.destroyForcibly();
      if (runner != null) {
        runner.crash();
      }
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} against a 60 s deadline. */
  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      Thread.sleep(20);
    }
  }

  private static int runs(RunnerState state, String process) {
    List<ProcessStatus> runs = state.getProcesses().get(process);
    return runs == null ? 0 : runs.size();
  }

  private static ProcessStatus last(RunnerState state, String process) {
    List<ProcessStatus> runs = state.getProcesses().get(process);
    return runs.get(runs.size() - 1);
  }

  /** The pid of a process that has exited (an Aurora runner that was SIGKILLed). */
  private static int deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return (int) p.pid();
  }
}
