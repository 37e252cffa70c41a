package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReaderTest {
  @TempDir Path dir;

  @Test
  void followsALiveStreamIncrementally() throws IOException {
    Path file = dir.resolve("runner");
    try (CheckpointWriter writer = CheckpointWriter.open(file);
        CheckpointReader reader = CheckpointReader.open(file)) {
      assertNull(reader.next());
      assertTrue(reader.tornAt().isEmpty());

      writer.append(Records.task(TaskState.ACTIVE, 1, 2, 3));
      writer.append(Records.waiting("a", 0));
      assertEquals(TaskState.ACTIVE, reader.next().getTaskStatus().getState());
      assertEquals("a", reader.next().getProcessStatus().getProcess());
      assertNull(reader.next());
      assertEquals(writer.size(), reader.offset());
      assertEquals(2, reader.recordIndex());
    }
  }

  @Test
  void aDescriptorReaderFollowsAStreamAsAChannelReaderDoes() throws IOException {
    Path file = dir.resolve("coordinator.p");
    try (CheckpointWriter writer = CheckpointWriter.open(file);
        dev.thermos.posix.SafeDirectory d = dev.thermos.posix.SafeDirectory.open(dir);
        CheckpointReader channel = CheckpointReader.open(file);
        CheckpointReader descriptor = CheckpointReader.openFollowing(d, "coordinator.p")) {
      assertNull(descriptor.next());
      for (int burst = 0; burst < 5; burst++) {
        // Bursts of growing size: small reads at an offset, then the buffer's growth.
        for (int i = 0; i < burst * burst * 200 + 1; i++) {
          writer.append(Records.waiting("p" + burst + "." + i, 0));
        }
        java.util.List<RunnerCkpt> fromChannel = new java.util.ArrayList<>();
        java.util.List<RunnerCkpt> fromDescriptor = new java.util.ArrayList<>();
        for (RunnerCkpt r; (r = channel.next()) != null; ) {
          fromChannel.add(r);
        }
        for (RunnerCkpt r; (r = descriptor.next()) != null; ) {
          fromDescriptor.add(r);
        }
        assertEquals(fromChannel, fromDescriptor, "burst " + burst);
        assertEquals(channel.offset(), descriptor.offset());
        assertEquals(channel.recordIndex(), descriptor.recordIndex());
      }
      Files.write(file, new byte[] {0, 0, 0, 50, 1, 2}, StandardOpenOption.APPEND);
      assertNull(descriptor.next());
      assertEquals(channel.offset(), descriptor.tornAt().getAsLong());
    }
  }

  @Test
  void aDescriptorReaderClosesOnceAndReadsNothingAfter() throws IOException {
    Path file = dir.resolve("coordinator.p");
    try (CheckpointWriter writer = CheckpointWriter.open(file);
        dev.thermos.posix.SafeDirectory d = dev.thermos.posix.SafeDirectory.open(dir)) {
      writer.append(Records.waiting("p", 0));
      CheckpointReader reader = CheckpointReader.openFollowing(d, "coordinator.p");
      reader.close();
      // Its descriptor's number, free now, taken by another file: a second close and a read
      // must leave that file alone.
      int other = LibC.open(LibC.cPath(file.toString()), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
      try {
        reader.close();
        assertThrows(IOException.class, reader::next);
        assertEquals(0, LibC.lseek(other, 0, 0), "the other file's descriptor is still open");
      } finally {
        LibC.close(other);
      }
    }
  }

  @Test
  void aDescriptorReaderRefusesALink() throws IOException {
    Files.writeString(dir.resolve("target"), "");
    Files.createSymbolicLink(dir.resolve("coordinator.p"), dir.resolve("target"));
    try (dev.thermos.posix.SafeDirectory d = dev.thermos.posix.SafeDirectory.open(dir)) {
      assertThrows(UnsafePathException.class,
          () -> CheckpointReader.openFollowing(d, "coordinator.p"));
    }
  }

  @Test
  void aFollowerOfASmallStreamKeepsASmallBufferAtTheEnd() throws IOException {
    Path file = dir.resolve("coordinator.p");
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      writer.append(Records.waiting("p", 0));
      try (CheckpointReader reader = CheckpointReader.open(file)) {
        int initial = reader.bufferCapacity();
        for (int poll = 0; poll < 100; poll++) {
          reader.next();
        }
        assertEquals(initial, reader.bufferCapacity(), "polling at the end grows nothing");
        for (int i = 1; i <= 2000; i++) {
          writer.append(Records.waiting("p" + i, 0));
        }
        int read = 0;
        while (reader.next() != null) {
          read++;
        }
        assertEquals(2000, read);
        assertTrue(reader.bufferCapacity() > initial,
            "a stream that keeps coming is read in bigger chunks");
        assertTrue(reader.bufferCapacity() <= 1 << 16);
      }
    }
  }

  @Test
  void aHalfWrittenRecordIsNotYetWrittenUntilItCompletes() throws IOException {
    Path file = dir.resolve("runner");
    byte[] record = new RecordEncoder().frame(Records.waiting("a", 0));
    Files.write(file, Arrays.copyOf(record, 10));
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      assertNull(reader.next());
      assertEquals(0, reader.tornAt().getAsLong());
      Files.write(file, Arrays.copyOfRange(record, 10, record.length), StandardOpenOption.APPEND);
      RunnerCkpt r = reader.next();
      assertEquals("a", r.getProcessStatus().getProcess());
      assertTrue(reader.tornAt().isEmpty());
    }
  }

  @Test
  void resumesAtAnOffsetWithItsRecordIndex() throws IOException {
    Path file = Fixtures.copy("checkpoints/hello_success.ckpt", dir);
    long offset;
    long index;
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      reader.next();
      reader.next();
      offset = reader.offset();
      index = reader.recordIndex();
    }
    try (CheckpointReader reader = CheckpointReader.open(file, offset, index)) {
      RunnerCkpt third = reader.next();
      assertEquals(0, third.getProcessStatus().getSeq());
      assertEquals(offset, reader.lastRecordOffset());
      assertEquals(index + 1, reader.recordIndex());
    }
  }

  @Test
  void largeRecordsGrowTheBuffer() throws IOException {
    Path file = dir.resolve("big");
    String huge = "x".repeat(3 << 20);
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      writer.append(Records.waiting(huge, 0));
      writer.append(Records.waiting("small", 0));
    }
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      assertEquals(huge, reader.next().getProcessStatus().getProcess());
      assertEquals("small", reader.next().getProcessStatus().getProcess());
      assertNull(reader.next());
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoIsRefusedWithoutBlocking() throws IOException {
    Path fifo = dir.resolve("runner");
    LibC.mkfifo(LibC.cPath(fifo.toString()), 0644);
    UnsafePathException e = assertThrows(UnsafePathException.class,
        () -> CheckpointReader.open(fifo));
    assertTrue(e.getMessage().contains("a FIFO, not a regular file"), e.getMessage());
  }

  @Test
  void aLinkedCheckpointIsNotRead() throws IOException {
    Path elsewhere = dir.resolve("elsewhere");
    try (CheckpointWriter writer = CheckpointWriter.open(elsewhere)) {
      writer.append(Records.task(TaskState.ACTIVE, 1, 2, 3));
    }
    Path link = Files.createSymbolicLink(dir.resolve("runner"), elsewhere);
    assertThrows(UnsafePathException.class, () -> CheckpointReader.open(link));
  }
}
