package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer JVM SIGKILLed at a random moment of a burst of appends (some of several MiB, so that
 * the kill can land inside a write) leaves a prefix of what it was writing: complete records in
 * order, then possibly a torn tail that is the start of the next record. The next writer cuts the
 * torn tail and appends cleanly after the last complete record.
 */
class WriterCrashIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final AtomicInteger TORN = new AtomicInteger();
  private static final AtomicInteger ROUNDS = new AtomicInteger();

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void aWriterKilledMidBurstLeavesAPrefixTheNextWriterContinues(long seed) throws Exception {
    Path file = dir.resolve("runner");
    long killAtBytes = (64L << 10) + new Random(seed).nextLong(12L << 20);
    killWhenTheFileReaches(file, seed, killAtBytes);

    long size = Files.size(file);
    BurstRecords burst = new BurstRecords(seed);
    List<RunnerCkpt> left = new ArrayList<>();
    long end = readAll(file, left);
    assertTrue(left.size() > 1, "seed " + seed + ": the burst wrote records");
    assertTrue(left.get(0).isSetTaskStatus(), "the child's header status comes first");
    long written = left.size() - 1;
    assertEquals(burst.first(written), left.subList(1, left.size()),
        "seed " + seed + ": the records left are the first " + written + " the child wrote");
    if (end < size) {
      TORN.incrementAndGet();
      byte[] tail = Arrays.copyOfRange(Files.readAllBytes(file), (int) end, (int) size);
      byte[] next = new RecordEncoder().frame(burst.after(written));
      assertTrue(tail.length < next.length, "a torn tail is shorter than a record");
      assertArrayEquals(Arrays.copyOf(next, tail.length), tail,
          "seed " + seed + ": the torn tail is the start of the next record");
    }
    ROUNDS.incrementAndGet();

    RunnerCkpt after = Records.waiting("after", 0);
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      assertEquals(end, writer.size(), "the next writer starts after the last complete record");
      assertEquals(end, Files.size(file), "the torn tail is cut");
      writer.append(after);
    }
    ReplayResult replay = CheckpointReplay.replay(file);
    assertTrue(replay.tornAt().isEmpty());
    assertEquals(left.size() + 1, replay.records());
    List<RunnerCkpt> all = new ArrayList<>();
    readAll(file, all);
    assertEquals(after, all.get(all.size() - 1));
  }

  @AfterAll
  static void report() {
    System.out.println("WriterCrashIT: " + TORN.get() + " of " + ROUNDS.get()
        + " kills left a torn tail");
  }

  /** Starts a bursting writer and SIGKILLs it once {@code file} holds {@code bytes}. */
  private static void killWhenTheFileReaches(Path file, long seed, long bytes) throws Exception {
    Process child = ChildJvm.start(WriterChild.class, "burst", file.toString(), Long.toString(seed));
    try {
      ChildJvm.awaitLine(child, "writing", Duration.ofSeconds(30));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (Files.size(file) < bytes) {
        assertTrue(child.isAlive(), "the writer died before being killed");
        assertTrue(System.nanoTime() < deadline, "the writer wrote " + Files.size(file)
            + " of " + bytes + " bytes within " + DEADLINE);
        Thread.sleep(1);
      }
    } finally {
      child.destroyForcibly();  // SIGKILL
      child.waitFor();
    }
  }

  /** Adds every complete record of {@code file} to {@code out}; returns the offset after them. */
  private static long readAll(Path file, List<RunnerCkpt> out) throws IOException {
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        out.add(r);
      }
      return reader.offset();
    }
  }
}
