package dev.thermos.observer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real {@code thermos run} in a JVM of its own (the inspector and runner are on the test path). */
final class RunnerJvm implements AutoCloseable {
  private final Process process;

  private RunnerJvm(Process process) {
    this.process = process;
  }

  /** Starts {@code thermos run --root root --sandbox sandbox --task_id id} on {@code taskJson}. */
  static RunnerJvm start(Path root, Path sandbox, String id, String taskJson) throws IOException {
    Path dir = root.resolveSibling("runner-files");
    Files.createDirectories(dir);
    Path task = Files.writeString(dir.resolve("task.json"), taskJson);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Dthermos.coordinator=" + System.getProperty("thermos.coordinator"),
        "-cp", System.getProperty("java.class.path"), "dev.thermos.cli.Main",
        "run", "--root", root.toString(), "--sandbox", sandbox.toString(), "--task_id", id,
        task.toString()));
    pb.redirectOutput(dir.resolve("run.out").toFile());
    pb.redirectError(dir.resolve("run.err").toFile());
    return new RunnerJvm(pb.start());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Kills the runner and whatever it started that is still alive. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
