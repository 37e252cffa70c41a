package dev.thermos.bench;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable append throughput of {@link CheckpointWriter}: for each batch size, a fresh file gets
 * generated records for a fixed time, {@code batch} records per {@code append} call (one write and
 * one fdatasync per call). Reports records/s, syncs/s and the speed-up over one record per append.
 *
 * <p>Usage: {@code AppendBenchmark DIR [SECONDS] [BATCH...]} (defaults: 3 s; batches 1 10 100)
 */
public final class AppendBenchmark {
  private static final double WARMUP_SECONDS = 0.5;

  private AppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    List<Integer> batches = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      batches.add(Integer.parseInt(args[i]));
    }
    if (batches.isEmpty()) {
      batches = List.of(1, 10, 100);
    }
    Files.createDirectories(dir);
    double baseline = 0;
    for (int i = 0; i < batches.size(); i++) {
      int batch = batches.get(i);
      double rate = measure(dir.resolve("append-" + batch), batch, seconds);
      Report.row(String.format("c) durable append, %d record(s) per append", batch),
          String.format("%s, %s", Report.rate(rate, "rec/s"), Report.rate(rate / batch, "sync/s")));
      if (i == 0) {
        baseline = rate;
      } else {
        Report.row(String.format("c)   speed-up over %d per append", batches.get(0)),
            String.format("x %.1f", rate / baseline));
      }
    }
  }

  /** Records per second appending {@code batch} at a time to a fresh {@code file}. */
  static double measure(Path file, int batch, double seconds) throws IOException {
    Files.deleteIfExists(file);
    RecordStream records = new RecordStream(Long.MAX_VALUE, CheckpointGenerator.DEFAULT_SEED);
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      appendFor(writer, records, batch, WARMUP_SECONDS);
      long start = System.nanoTime();
      long appended = appendFor(writer, records, batch, seconds);
      return appended * 1e9 / (System.nanoTime() - start);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Appends batches until {@code seconds} have passed; returns the number of records. */
  private static long appendFor(CheckpointWriter writer, RecordStream records, int batch,
      double seconds) throws IOException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long appended = 0;
    List<RunnerCkpt> group = new ArrayList<>(batch);
    while (System.nanoTime() < deadline) {
      group.clear();
      for (int i = 0; i < batch; i++) {
        group.add(records.next());
      }
      writer.append(group);
      appended += batch;
    }
    return appended;
  }
}
