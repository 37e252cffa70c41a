package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cutting a stream at any byte leaves a prefix of its records and reports the torn tail. */
class TruncationPropertyTest {
  @TempDir Path dir;

  static Stream<String> streams() {
    return Stream.concat(
        Fixtures.GOLDEN.stream().filter(n -> !n.equals("torn_tail")).map(n -> "checkpoints/" + n + ".ckpt"),
        Fixtures.AURORA_2012_TASKS.stream().map(t -> "aurora-2012-root/checkpoints/" + t + "/runner"));
  }

  @ParameterizedTest
  @MethodSource("streams")
  void cuttingAtEveryOffsetYieldsAPrefixAndTheTornOffset(String stream) throws IOException {
    byte[] whole = Fixtures.bytes(stream);
    Path file = dir.resolve("cut");
    Files.write(file, whole);
    List<RunnerCkpt> all = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    read(file, all, ends);
    assertEquals(whole.length, ends.get(ends.size() - 1));

    for (int cut = 0; cut <= whole.length; cut++) {
      Files.write(file, Arrays.copyOf(whole, cut));
      List<RunnerCkpt> records = new ArrayList<>();
      OptionalLong torn = read(file, records, new ArrayList<>());
      int complete = 0;
      while (complete < ends.size() && ends.get(complete) <= cut) {
        complete++;
      }
      assertEquals(all.subList(0, complete), records, "cut at " + cut);
      long boundary = complete == 0 ? 0 : ends.get(complete - 1);
      if (boundary == cut) {
        assertTrue(torn.isEmpty(), "cut at a record boundary " + cut);
      } else {
        assertEquals(boundary, torn.getAsLong(), "cut at " + cut);
      }
    }
  }

  private static OptionalLong read(Path file, List<RunnerCkpt> records, List<Long> ends)
      throws IOException {
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
        ends.add(reader.offset());
      }
      return reader.tornAt();
    }
  }
}
