package dev.thermos.observer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code thermos run} of the real runner in a child JVM (the inspector is on the test class path). */
final class RealRunner {
  private RealRunner() {}

  /** Starts {@code run --root root --task_id id} on {@code taskJson}; output next to the root. */
  static Process start(Path root, String id, String taskJson) throws IOException {
    Path scratch = root.resolveSibling("runner-files");
    Files.createDirectories(scratch);
    Path task = Files.writeString(scratch.resolve(id + ".json"), taskJson);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dthermos.coordinator=" + System.getProperty("thermos.coordinator"),
        "-cp", System.getProperty("java.class.path"), "dev.thermos.cli.Main",
        "run", "--root", root.toString(), "--task_id", id, task.toString());
    pb.redirectOutput(scratch.resolve(id + ".out").toFile());
    pb.redirectError(scratch.resolve(id + ".err").toFile());
    return pb.start();
  }
}
