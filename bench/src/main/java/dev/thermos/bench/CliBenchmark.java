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
    Samples samples = Measure.repeat(1, runs, () -> Measure.command(command));
    Report.minAndMedian("b) " + label, samples, runs, targetMs);
  }
}
