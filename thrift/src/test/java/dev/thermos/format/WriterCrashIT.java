package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer SIGKILLed in the middle of a burst leaves every complete record intact, and the next
 * writer cuts whatever partial record remains and appends cleanly after it.
 */
class WriterCrashIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aWriterKilledMidBurstLeavesOnlyCompleteRecords(long seed) throws Exception {
    Path file = dir.resolve("runner");
    Process child = ChildJvm.start(WriterChild.class, "burst", file.toString());
    ChildJvm.awaitLine(child, "writing", Duration.ofSeconds(30));
    Thread.sleep(50 + new Random(seed).nextInt(400));
    child.destroyForcibly();  // SIGKILL
    child.waitFor();

    long size = Files.size(file);
    ReplayResult before = CheckpointReplay.replay(file);
    assertTrue(before.records() > 1, "the burst wrote records");
    long end = before.tornAt().isPresent() ? before.tornAt().getAsLong() : size;
    assertEquals(end, before.endOffset());

    // Simulate the worst case too: a crash that left half a record.
    byte[] half = Arrays.copyOf(new RecordEncoder().frame(Records.waiting("late", 0)), 7);
    Files.write(file, half, java.nio.file.StandardOpenOption.APPEND);
    assertTrue(CheckpointReplay.replay(file).tornAt().isPresent());

    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      assertEquals(end, writer.size());
      writer.append(Records.waiting("after", 0));
    }
    ReplayResult after = CheckpointReplay.replay(file);
    assertTrue(after.tornAt().isEmpty());
    assertEquals(before.records() + 1, after.records());
  }
}
