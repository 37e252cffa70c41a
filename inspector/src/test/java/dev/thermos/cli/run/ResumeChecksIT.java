package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming checks, it does not trust: another task, sandbox or ports than the checkpoint records
 * is refused with one line and nothing written; {@code run --task_id ID} without a task file
 * resumes from the stored task, sandbox and ports.
 */
class ResumeChecksIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String ID = "resumed";
  private static final String TASK =
      "{\"name\": \"r\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"sleep 60\"}]}";

  @TempDir Path dir;
  private Path root;
  private Path sandbox;
  private Path task;

  @BeforeEach
  void startAndCrash() throws Exception {
    root = dir.resolve("root");
    sandbox = dir.resolve("box");
    task = Files.writeString(dir.resolve("task.json"), TASK);
    RunnerJvm first = RunnerJvm.run(dir, "first", "--root", root.toString(), "--task_id", ID,
        "--sandbox", sandbox.toString(), "-P", "http:8080", task.toString());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!running()) {
      assertTrue(System.nanoTime() < deadline && first.isAlive(), first.output());
      Thread.sleep(20);
    }
    first.crash();
  }

  private boolean running() throws Exception {
    Path stream = root.resolve("checkpoints").resolve(ID).resolve("runner");
    if (!Files.exists(stream)) {
      return false;
    }
    List<ProcessStatus> runs = CheckpointReplay.replay(stream).state().getProcesses().get("a");
    return runs != null && runs.get(runs.size() - 1).getState() == ProcessState.RUNNING;
  }

  private void refused(int code, String says, String... args) throws Exception {
    byte[] stream = Files.readAllBytes(root.resolve("checkpoints").resolve(ID).resolve("runner"));
    byte[] stored = Files.readAllBytes(root.resolve("tasks/active").resolve(ID));
    RunnerJvm r = RunnerJvm.run(dir, "refused", args);
    assertEquals(code, r.exitCode(TIMEOUT), r.output());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains(says), r.stderr());
    assertTrue(java.util.Arrays.equals(stream,
        Files.readAllBytes(root.resolve("checkpoints").resolve(ID).resolve("runner"))),
        "nothing appended");
    assertTrue(java.util.Arrays.equals(stored,
        Files.readAllBytes(root.resolve("tasks/active").resolve(ID))), "the stored task kept");
  }

  @Test
  void anotherTaskIsRefusedNamingTheFirstDifference() throws Exception {
    Path other = Files.writeString(dir.resolve("other.json"), TASK.replace("sleep 60", "sleep 61"));
    refused(65, "processes[0].cmdline is \"sleep 61\" here, \"sleep 60\" in the stored task",
        "--root", root.toString(), "--task_id", ID, "--sandbox", sandbox.toString(),
        "-P", "http:8080", other.toString());
  }

  @Test
  void anotherSandboxOrNoneIsRefused() throws Exception {
    refused(64, "runs in " + sandbox, "--root", root.toString(), "--task_id", ID,
        "--sandbox", dir.resolve("elsewhere").toString(), "-P", "http:8080", task.toString());
    refused(64, "runs in " + sandbox, "--root", root.toString(), "--task_id", ID,
        "-P", "http:8080", task.toString());
  }

  @Test
  void otherPortsAreRefused() throws Exception {
    refused(64, "was started with ports {http=8080}", "--root", root.toString(), "--task_id", ID,
        "--sandbox", sandbox.toString(), "-P", "http:9090", task.toString());
  }

  @Test
  void withoutATaskFileTheStoredTaskSandboxAndPortsAreResumed() throws Exception {
    RunnerJvm resumed = RunnerJvm.run(dir, "resumed", "--root", root.toString(), "--task_id", ID);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!resumed.stdout().contains("task " + ID + " (root")) {
      assertTrue(System.nanoTime() < deadline && resumed.isAlive(), resumed.output());
      Thread.sleep(20);
    }
    resumed.signal(15);
    assertEquals(3, resumed.exitCode(TIMEOUT), resumed.output());
    RunnerState state = CheckpointReplay.replay(
        root.resolve("checkpoints").resolve(ID).resolve("runner")).state();
    assertEquals(TaskState.KILLED, state.getStatuses().get(state.getStatuses().size() - 1).getState());
    assertEquals(1, state.getProcesses().get("a").size(), "the running process was adopted");
    assertTrue(resumed.stdout().contains("sandbox " + sandbox), resumed.stdout());
  }
}
