package dev.thermos.bench;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.ReplayResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * In-process replay throughput: {@code CheckpointReplay.replay(FILE)} repeated after JIT warm-up;
 * reports the best and the median in records per second.
 *
 * <p>Usage: {@code ReplayBenchmark FILE [WARMUPS] [RUNS]}
 */
public final class ReplayBenchmark {
  static final double TARGET_RECORDS_PER_SECOND = 3_000_000;

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    ReplayResult check = replayChecked(file);
    long records = check.records();
    Samples samples = Measure.repeat(warmups, runs, () -> replayChecked(file).records());
    String target = String.format("%,.0f", TARGET_RECORDS_PER_SECOND);
    Report.row("a) replay in-process, best of " + runs,
        Report.rate(samples.bestRate(records), "rec/s"), ">= " + target,
        samples.bestRate(records) >= TARGET_RECORDS_PER_SECOND);
    Report.row("a) replay in-process, median",
        Report.rate(samples.medianRate(records), "rec/s"), ">= " + target,
        samples.medianRate(records) >= TARGET_RECORDS_PER_SECOND);
    Report.row("a) replay in-process, median MB/s",
        Report.rate(samples.medianRate(Files.size(file)) / 1e6, "MB/s"));
  }

  /** Replays {@code file} and fails unless the stream is complete and replays cleanly. */
  static ReplayResult replayChecked(Path file) throws Exception {
    ReplayResult result = CheckpointReplay.replay(file);
    if (result.tornAt().isPresent() || result.endOffset() != Files.size(file)) {
      throw new IllegalStateException(file + ": torn or short replay: " + result.tornAt());
    }
    return result;
  }
}
