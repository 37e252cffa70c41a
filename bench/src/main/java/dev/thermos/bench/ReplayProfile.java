package dev.thermos.bench;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where replay time goes, by stages measured separately after warm-up: reading the bytes, reading
 * and decoding every record, and the full replay (read, decode, apply); differences give decode
 * and apply alone. Each stage reports its best run, the least disturbed by other work on a shared
 * machine. Also the share of the timed full replays spent in garbage collection.
 *
 * <p>Usage: {@code ReplayProfile FILE [WARMUPS] [RUNS]}
 */
public final class ReplayProfile {
  private static final int READ_BUFFER = 1 << 16;

  private ReplayProfile() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double read = Measure.repeat(warmups, runs, () -> readBytes(file)).minNanos();
    double decode = Measure.repeat(warmups, runs, () -> decodeAll(file)).minNanos();
    Measure.Task replayAll = () -> CheckpointReplay.replay(file).records();
    Measure.repeat(warmups, 1, replayAll);
    long gcBefore = gcMillis();
    Samples full = Measure.repeat(0, runs, replayAll);
    double gcShare = (gcMillis() - gcBefore) * 1e6 / full.totalNanos();
    double replay = full.minNanos();
    Report.row("profile: read bytes only (64 KiB reads)", share(read, replay));
    Report.row("profile: read + decode (CheckpointReader)", share(decode, replay));
    Report.row("profile:   decode alone (difference)", share(decode - read, replay));
    Report.row("profile:   apply alone (Replayer, difference)", share(replay - decode, replay));
    Report.row("profile: full replay", share(replay, replay));
    Report.row("profile: GC time within full replay", String.format("%.0f %%", 100 * gcShare));
  }

  private static String share(double nanos, double whole) {
    return String.format("%s (%3.0f %%)", Report.millis(nanos), 100 * nanos / whole);
  }

  static long readBytes(Path file) throws IOException {
    long total = 0;
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    try (FileChannel channel = FileChannel.open(file)) {
      for (int n = channel.read(buffer); n > 0; n = channel.read(buffer)) {
        total += n + buffer.get(0);
        buffer.clear();
      }
    }
    return total;
  }

  static long decodeAll(Path file) throws IOException {
    long records = 0;
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      while (reader.next() != null) {
        records++;
      }
    }
    return records;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
