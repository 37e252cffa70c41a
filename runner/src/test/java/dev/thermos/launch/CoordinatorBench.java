package dev.thermos.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the coordinator (not a test): launch latency of {@code true} end to end, with a floor
 * from the same run (starting {@code /bin/true} straight from the JVM, interleaved with the
 * coordinator launches so that both see the same load), and log throughput of 2 GiB in rotate and
 * standard mode. Run with the test classpath, e.g.
 * {@code java -Djdk.lang.Process.launchMechanism=VFORK -Dthermos.coordinator=... -cp ...
 * dev.thermos.launch.CoordinatorBench [work-dir [latency]]}; {@code latency} skips the throughput.
 */
public final class CoordinatorBench {
  private static final int LAUNCHES = 100;
  private static final int WARMUP = 10;
  private static final long BYTES = 2L << 30;
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

  private CoordinatorBench() {}

  public static void main(String[] args) throws Exception {
    Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
        : Files.createTempDirectory("coordinator-bench");
    CoordinatorLauncher launcher = CoordinatorLauncher.located();
    System.out.println("coordinator: " + launcher.binary());
    latency(launcher, work.resolve("latency"));
    if (args.length > 1 && args[1].equals("latency")) {
      delete(work);
      return;
    }
    throughput(launcher, work.resolve("rotate"), LogSpec.Mode.ROTATE);
    throughput(launcher, work.resolve("standard"), LogSpec.Mode.STANDARD);
    delete(work);
  }

  private static void latency(CoordinatorLauncher launcher, Path dir) throws Exception {
    long[] nanos = new long[LAUNCHES];
    long[] floor = new long[LAUNCHES];
    ProcessBuilder bare = new ProcessBuilder("/bin/true");
    for (int i = 0; i < WARMUP + LAUNCHES; i++) {
      LaunchSpec spec = spec(dir, "true", 3L * i, "true", LogSpec.standardFiles());
      long start = System.nanoTime();
      int exit = launcher.launch(spec).waitFor();
      long elapsed = System.nanoTime() - start;
      check(exit);
      start = System.nanoTime();
      bare.start().waitFor();
      long floorElapsed = System.nanoTime() - start;
      if (i >= WARMUP) {
        nanos[i - WARMUP] = elapsed;
        floor[i - WARMUP] = floorElapsed;
      }
    }
    print("launch of `true` by a coordinator", nanos);
    print("floor: /bin/true from the JVM", floor);
  }

  private static void print(String what, long[] nanos) {
    Arrays.sort(nanos);
    System.out.printf("%s, %d sequential: mean %.2f ms, p50 %.2f ms, p99 %.2f ms%n", what,
        nanos.length, Arrays.stream(nanos).average().orElse(0) / 1e6, nanos[nanos.length / 2] / 1e6,
        nanos[nanos.length * 99 / 100] / 1e6);
  }

  private static void throughput(CoordinatorLauncher launcher, Path dir, LogSpec.Mode mode)
      throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.FILE, mode, LogSpec.DEFAULT_LOG_SIZE,
        LogSpec.DEFAULT_BACKUPS);
    LaunchSpec spec = spec(dir, "bulk", 0, "head -c " + BYTES + " /dev/zero", logs);
    long start = System.nanoTime();
    check(launcher.launch(spec).waitFor());
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s mode, 2 GiB to stdout: %.2f s, %.0f MB/s (%.0f MiB/s)%n",
        mode.name().toLowerCase(), seconds, BYTES / seconds / 1e6, BYTES / seconds / (1 << 20));
    delete(dir);
  }

  private static LaunchSpec spec(Path dir, String process, long seq, String cmdline,
      LogSpec logSpec) throws IOException {
    Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
    Path logs = sandbox.resolve(".logs/" + process + "/" + seq);
    Files.createDirectories(dir.resolve("checkpoints"));
    return new LaunchSpec(dir.resolve("checkpoints/coordinator." + process), process, seq, sandbox,
        logs.resolve("stdout"), logs.resolve("stderr"), logSpec, cmdline, ENV);
  }

  private static void check(int exit) {
    if (exit != CoordinatorExit.OK) {
      throw new IllegalStateException("coordinator: " + CoordinatorExit.describe(exit));
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
