package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our encoder writes exactly the bytes Aurora's Python writer wrote. */
class ByteCompatibilityTest {
  @TempDir Path dir;

  @Test
  void reencodingEveryGoldenAndAuroraStreamGivesTheSameBytes() throws IOException {
    List<String> streams = new ArrayList<>();
    for (String name : Fixtures.GOLDEN) {
      streams.add("checkpoints/" + name + ".ckpt");
    }
    for (String task : Fixtures.AURORA_2012_TASKS) {
      streams.add("aurora-2012-root/checkpoints/" + task + "/runner");
    }
    for (String stream : streams) {
      Path file = dir.resolve("stream");
      byte[] original = Fixtures.bytes(stream);
      Files.write(file, original);
      ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
      RecordEncoder encoder = new RecordEncoder();
      long end;
      try (CheckpointReader reader = CheckpointReader.open(file)) {
        for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
          reencoded.write(encoder.frame(r));
        }
        end = reader.offset();
      }
      byte[] complete = java.util.Arrays.copyOf(original, (int) end);
      assertArrayEquals(complete, reencoded.toByteArray(), stream);
    }
  }

  @Test
  void waitingRecordMatchesAurorasWorkedExample() {
    byte[] bytes = new RecordEncoder().frame(Records.waiting("echo", 0));
    assertEquals("00000022" + "0c0002" + "0a0001" + "0000000000000000"
        + "0b0003" + "00000004" + "6563686f" + "080005" + "00000000" + "00" + "00",
        HexFormat.of().formatHex(bytes));
  }

  @Test
  void taskStatusRecordIsAlways41Bytes() {
    byte[] bytes = new RecordEncoder().frame(
        Records.task(dev.thermos.gen.TaskState.ACTIVE, 1764000000250L, 1000, 0));
    assertEquals(41, bytes.length);
  }

  @Test
  void unsetFieldsAreNotWritten() {
    byte[] lost = new RecordEncoder().frame(Records.lost("p", 7));
    // length, union field header, seq, process, state, two STOPs: nothing else.
    assertEquals(4 + 3 + 11 + 3 + 4 + 1 + 7 + 1 + 1, lost.length);
    byte[] ended = new RecordEncoder().frame(
        Records.ended("p", 3, ProcessState.SUCCESS, 1.5, 0));
    assertEquals(lost.length + 11 + 7, ended.length);
  }
}
