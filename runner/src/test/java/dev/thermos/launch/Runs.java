package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.thermos.format.CheckpointReader;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test support: launch specs in a temporary task root, and waiting on real coordinators. */
final class Runs {
  static final Duration DEADLINE = Duration.ofSeconds(20);
  static final Map<String, String> ENV = Map.of(
      "PATH", "/usr/local/bin:/usr/bin:/bin",
      "HOME", "/nonexistent-home",
      "THERMOS_TEST", "a value with spaces = and an equals sign");

  private final Path root;

  Runs(Path root) {
    this.root = root;
  }

  Path checkpoint(String process) {
    return root.resolve("checkpoints/task-1/coordinator." + process);
  }

  Path sandbox() throws IOException {
    return Files.createDirectories(root.resolve("sandbox"));
  }

  /** The log file of run 0, where the runner puts it: below the sandbox. */
  Path log(String process, String stream) {
    return root.resolve("sandbox/.logs/" + process + "/0/" + stream);
  }

  LaunchSpec spec(String process, long seq, String cmdline) throws IOException {
    return spec(process, seq, cmdline, LogSpec.standardFiles());
  }

  LaunchSpec spec(String process, long seq, String cmdline, LogSpec logs) throws IOException {
    return new LaunchSpec(checkpoint(process), process, seq, sandbox(), log(process, "stdout"),
        log(process, "stderr"), logs, cmdline, ENV);
  }

  static Process launch(LaunchSpec spec) throws IOException {
    return CoordinatorLauncher.located().launch(spec);
  }

  /** Launches and waits for the coordinator; returns its exit code. */
  static int run(LaunchSpec spec) throws Exception {
    return await(launch(spec));
  }

  static int await(Process coordinator) throws InterruptedException {
    if (!coordinator.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      coordinator.destroyForcibly();
      fail("coordinator " + coordinator.pid() + " still running after " + DEADLINE);
    }
    return coordinator.exitValue();
  }

  /** What a coordinator run straight from here (not through the launcher) printed, and its exit. */
  record Outcome(int exitCode, String stderr) {}

  /**
   * Runs the coordinator for {@code spec} with its stderr captured in a file (a pipe could be held
   * open by a stuck child); stdout goes to /dev/null.
   */
  static Outcome runCapturingStderr(LaunchSpec spec) throws Exception {
    CoordinatorLauncher.createDirectories(spec);
    return startCapturingStderr(spec);
  }

  /**
   * The coordinator alone, as a spawner starts it once the runner made the checkpoint directory
   * (a link may have been planted there since).
   */
  static Outcome startCapturingStderr(LaunchSpec spec) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(CoordinatorLauncher.located().command(spec));
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path stderr = Files.createTempFile("coordinator", ".stderr");
    try {
      builder.redirectError(stderr.toFile());
      int exit = await(builder.start());
      return new Outcome(exit, Files.readString(stderr));
    } finally {
      Files.delete(stderr);
    }
  }

  static List<ProcessStatus> records(Path checkpoint) throws IOException {
    List<ProcessStatus> statuses = new ArrayList<>();
    try (CheckpointReader reader = CheckpointReader.open(checkpoint)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        statuses.add(r.getProcessStatus());
      }
      assertTrue(reader.tornAt().isEmpty(), "no torn tail");
    }
    return statuses;
  }

  /** Polls until the checkpoint holds at least {@code count} records. */
  static List<ProcessStatus> awaitRecords(Path checkpoint, int count) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      if (Files.exists(checkpoint)) {
        List<ProcessStatus> statuses = records(checkpoint);
        if (statuses.size() >= count) {
          return statuses;
        }
      }
      if (System.nanoTime() > deadline) {
        fail(checkpoint + " has fewer than " + count + " records after " + DEADLINE);
      }
      Thread.sleep(5);
    }
  }

  static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
