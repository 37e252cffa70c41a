package dev.thermos.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * End-to-end wall time of {@code bin/thermos read --json FILE > /dev/null}, JVM start-up included:
 * one untimed run (page cache, and the script's rebuild check settling), then timed runs.
 *
 * <p>Usage: {@code CliBenchmark THERMOS_SCRIPT FILE LABEL [RUNS] [TARGET_MS]}
 */
public final class CliBenchmark {
  private CliBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path script = Path.of(args[0]);
    Path file = Path.of(args[1]);
    String label = args[2];
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    double targetMs = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    List<String> command = List.of(script.toString(), "read", "--json", file.toString());
    Samples samples = Measure.repeat(1, runs, () -> runOnce(command));
    String min = Report.millis(samples.minNanos());
    String median = Report.millis(samples.medianNanos());
    if (targetMs > 0) {
      String target = "< " + Report.millis(targetMs * 1e6);
      Report.row("b) " + label + ", min of " + runs, min, target,
          samples.minNanos() < targetMs * 1e6);
      Report.row("b) " + label + ", median", median, target,
          samples.medianNanos() < targetMs * 1e6);
    } else {
      Report.row("b) " + label + ", min of " + runs, min);
      Report.row("b) " + label + ", median", median);
    }
  }

  /** Runs the command with stdout to /dev/null; fails unless it exits 0. */
  private static long runOnce(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command + " exited " + exit);
    }
    return exit;
  }
}
