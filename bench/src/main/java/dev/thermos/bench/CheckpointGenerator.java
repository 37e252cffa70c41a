package dev.thermos.bench;

import dev.thermos.format.RecordEncoder;
import dev.thermos.gen.RunnerCkpt;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic runner checkpoint of an exact number of records (see {@link RecordStream}),
 * framed by the library's {@link RecordEncoder} into a plain buffered file: fast, not durable.
 *
 * <p>Usage: {@code CheckpointGenerator OUTPUT RECORDS [SEED]}
 */
public final class CheckpointGenerator {
  public static final long DEFAULT_SEED = 42;
  private static final int BATCH = 4096;
  private static final int BUFFER_BYTES = 1 << 20;

  private CheckpointGenerator() {}

  /** Writes {@code count} records to {@code out}, replacing it; returns the file size. */
  public static long write(Path out, long count, long seed) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    RecordEncoder encoder = new RecordEncoder();
    RecordStream records = new RecordStream(count, seed);
    List<RunnerCkpt> batch = new ArrayList<>(BATCH);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), BUFFER_BYTES)) {
      while (records.hasNext()) {
        batch.add(records.next());
        if (batch.size() == BATCH || !records.hasNext()) {
          os.write(encoder.frame(batch));
          batch.clear();
        }
      }
    }
    return Files.size(out);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: CheckpointGenerator OUTPUT RECORDS [SEED]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long count = Long.parseLong(args[1].replace("_", ""));
    long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    long start = System.nanoTime();
    long bytes = write(out, count, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf("generated %s: %,d records, %,d bytes in %.2f s%n", out, count, bytes, seconds);
  }
}
