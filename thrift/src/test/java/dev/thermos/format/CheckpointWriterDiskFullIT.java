package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer on a real full disk (a small tmpfs): a group of records larger than what is left
 * is written partly, then fails with ENOSPC; the file is cut back to its last complete record, the
 * failure says it is a disk condition, and once space returns the same append succeeds, leaving
 * exactly the records appended, in order, and no torn tail.
 */
class CheckpointWriterDiskFullIT {
  @TempDir Path dir;

  @Test
  void aPartialWriteOnAFullDiskIsCutOffAndTheAppendCanBeRepeated() throws Exception {
    try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("mnt"), 1L << 20)) {
      Path file = dir.resolve("mnt").resolve("runner");
      List<RunnerCkpt> expected = new ArrayList<>();
      try (CheckpointWriter writer = CheckpointWriter.open(file)) {
        RunnerCkpt first = Records.task(TaskState.ACTIVE, 1000, 42, 0);
        writer.append(first);
        expected.add(first);
        Path filler = tmpfs.fill(dir.resolve("mnt").resolve("fill"));
        // More than a page: part of it fits in the slack of the file's last page, then ENOSPC.
        List<RunnerCkpt> group = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          group.add(Records.waiting("p" + i, 0));
        }
        long before = Files.size(file);
        try {
          writer.append(group);
          fail("a group larger than the free space was appended");
        } catch (CheckpointWriteException e) {
          assertEquals(LibC.ENOSPC, e.errno());
          assertTrue(e.isDiskCondition());
          assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        }
        assertEquals(before, Files.size(file), "a partial write stayed behind");
        assertEquals(before, writer.size());
        Files.delete(filler);
        writer.append(group);
        expected.addAll(group);
      }
      List<RunnerCkpt> read = new ArrayList<>();
      try (CheckpointReader reader = CheckpointReader.open(file)) {
        for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
          read.add(r);
        }
        assertTrue(reader.tornAt().isEmpty(), "torn tail at " + reader.tornAt());
      }
      assertEquals(expected, read);
    }
  }
}
