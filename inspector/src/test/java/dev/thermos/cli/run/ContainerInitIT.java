package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code thermos run} as PID 1 of a PID namespace, as a container's entrypoint is
 * ({@code unshare --pid --fork --mount-proc}): the orphans a process entering the namespace
 * leaves behind ({@code nsenter}, as {@code kubectl exec} does) are reaped as they die while the
 * task runs; {@code kill -TERM 1} (or {@code -INT}) inside is a graceful kill that runs the
 * finalizers; the exit code (the container's) is the task's.
 */
class ContainerInitIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int ORPHANS = 50;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void asPid1OrphansAreReapedAndASignalRunsTheFinalizers(String signal) throws Exception {
    TestTask task = TestTask.prepare(dir, "container.json", "pid1");
    Process unshare = startAsPid1(task);
    int init = pid1Of(unshare);
    awaitReady(task, unshare);

    Process orphans = enter(init, "for i in $(seq " + ORPHANS + "); do (sleep 0.2 &); done");
    assertEquals(0, orphans.waitFor(), "nsenter failed");
    Poll.until("the orphans end", TIMEOUT,
        () -> RunnerDescendants.of(init).alive("sleep 0.2") == 0);
    // Each has died; without a reaper each stays a zombie of PID 1 until the task ends.
    Poll.until("no zombie under PID 1 while the task runs", TIMEOUT,
        () -> RunnerDescendants.of(init).zombies() == 0);
    assertTrue(unshare.isAlive() && task.sandboxFile("finalized") == null);

    assertEquals(0, enter(init, "kill -" + signal + " 1").waitFor());
    assertTrue(unshare.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), output(task));
    assertEquals(3, unshare.exitValue(), output(task));
    assertEquals("", task.sandboxFile("finalized"), "the finalizer did not run");
    TaskOutcome outcome = TaskOutcome.of(task.root(), "pid1");
    assertEquals(TaskState.KILLED, outcome.states().get(outcome.states().size() - 1));
    assertEquals(List.of("SUCCESS(0)"), outcome.runs().get("fin"));
  }

  @Test
  void asPid1TheExitCodeIsTheTasks() throws Exception {
    TestTask task = TestTask.prepare(dir, "container.json", "pid1");
    Process unshare = startAsPid1(task);
    awaitReady(task, unshare);
    Files.createFile(task.sandbox().resolve("go"));
    assertTrue(unshare.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), output(task));
    assertEquals(0, unshare.exitValue(), output(task));
  }

  private static void awaitReady(TestTask task, Process unshare) throws Exception {
    Poll.until("the task's process runs", TIMEOUT, () -> {
      if (!unshare.isAlive()) {
        throw new AssertionError("the runner ended: " + output(task));
      }
      return Files.exists(task.sandbox().resolve("ready.gate"));
    });
  }

  /** {@code unshare --pid --fork --mount-proc thermos run ...}: the runner is PID 1 inside. */
  private Process startAsPid1(TestTask task) throws Exception {
    assumeTrue(new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
        .redirectErrorStream(true).start().waitFor() == 0, "unshare needs root here");
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
    command.addAll(RunnerJvm.javaCommand());
    command.addAll(List.of("dev.thermos.cli.Main", "run", "--root", task.root().toString(),
        "--task_id", task.taskId(), task.json().toString()));
    Files.createDirectories(task.logs());
    return new ProcessBuilder(command)
        .redirectOutput(task.logs().resolve("pid1.out").toFile())
        .redirectError(task.logs().resolve("pid1.err").toFile())
        .start();
  }

  /** The host pid of the namespace's PID 1: the child {@code unshare} forked. */
  private static int pid1Of(Process unshare) throws Exception {
    int[] found = new int[1];
    Poll.until("unshare's child", TIMEOUT, () -> {
      found[0] = childOf((int) unshare.pid());
      return found[0] > 0;
    });
    return found[0];
  }

  private static int childOf(int parent) throws IOException {
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : proc) {
        int pid = Integer.parseInt(p.getFileName().toString());
        try {
          if (ProcStat.of(pid).ppid() == parent) {
            return pid;
          }
        } catch (IOException | RuntimeException e) {
          // gone meanwhile
        }
      }
    }
    return 0;
  }

  /** {@code sh -c script} entering the namespace of {@code init} (as kubectl exec would). */
  private static Process enter(int init, String script) throws IOException {
    return new ProcessBuilder("nsenter", "--target", Integer.toString(init), "--pid", "--mount",
        "/bin/sh", "-c", script).redirectErrorStream(true).redirectOutput(
            ProcessBuilder.Redirect.DISCARD).start();
  }

  private static String output(TestTask task) throws IOException {
    return Files.readString(task.logs().resolve("pid1.out"))
        + Files.readString(task.logs().resolve("pid1.err"));
  }
}
