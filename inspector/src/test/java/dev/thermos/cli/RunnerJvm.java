package dev.thermos.cli;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A real {@code thermos run} in its own JVM, and polling its checkpoint against deadlines. */
final class RunnerJvm {
  private static final Duration POLL = Duration.ofMillis(50);

  final Path root;
  final String taskId;
  final Process process;

  private RunnerJvm(Path root, String taskId, Process process) {
    this.root = root;
    this.taskId = taskId;
    this.process = process;
  }

  /** Starts {@code thermos run --root root --task_id id} on {@code taskJson}. */
  static RunnerJvm start(Path root, String id, String taskJson) throws IOException {
    Path task = Files.writeString(root.resolveSibling(id + ".json"), taskJson);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dthermos.coordinator=" + System.getProperty("thermos.coordinator"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", "--root", root.toString(), "--task_id", id, task.toString());
    pb.redirectOutput(root.resolveSibling(id + ".out").toFile());
    pb.redirectError(root.resolveSibling(id + ".err").toFile());
    return new RunnerJvm(root, id, pb.start());
  }

  Path checkpoint() {
    return root.resolve("checkpoints").resolve(taskId).resolve("runner");
  }

  RunnerState state() throws IOException {
    return CheckpointReplay.replay(checkpoint()).state();
  }

  /** Waits until {@code process}'s last run is RUNNING and returns it. */
  ProcessStatus awaitRunning(String name, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(checkpoint())) {
        List<ProcessStatus> runs = state().getProcesses().get(name);
        if (runs != null && runs.get(runs.size() - 1).getState() == ProcessState.RUNNING) {
          return runs.get(runs.size() - 1);
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("runner exited " + process.exitValue() + ": "
            + Files.readString(root.resolveSibling(taskId + ".err")));
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError(name + " not RUNNING within " + timeout);
  }

  /** Polls {@code check} until it holds; fails after {@code timeout}. */
  static void await(String what, Duration timeout, Predicate<Void> check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** True when {@code pid} is a live process (zombies are dead). */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  void destroy() {
    process.destroyForcibly();
  }
}
