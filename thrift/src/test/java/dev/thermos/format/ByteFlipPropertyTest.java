package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random damage ends in the documented errors only: a replay either succeeds (the damage was
 * harmless, or made a torn tail) or throws a {@link CheckpointException} with a location. Never
 * another exception, a hang or a huge allocation.
 */
class ByteFlipPropertyTest {
  private static final String[] STREAMS = {
      "checkpoints/hello_success.ckpt", "checkpoints/retry_then_fail.ckpt",
      "checkpoints/ports_unicode.ckpt", "aurora-2012-root/checkpoints/failure/runner",
      "aurora-2012-root/checkpoints/ordering/runner"};

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomByteFlipsEndOnlyInTheDocumentedError(long seed) throws IOException {
    Random random = new Random(seed);
    Path file = dir.resolve("flipped");
    for (int round = 0; round < 50; round++) {
      byte[] bytes = Fixtures.bytes(STREAMS[random.nextInt(STREAMS.length)]);
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      Files.write(file, bytes);
      String context = "seed " + seed + " round " + round;
      // A hang detector, not a speed check: a round takes milliseconds.
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        long allocated = ThreadAllocation.bytesDuring(() -> {
          try {
            CheckpointReplay.replay(file);
          } catch (CheckpointException e) {
            assertTrue(e.offset() >= 0 && e.offset() < bytes.length, context + ": " + e);
            assertTrue(e.getMessage().startsWith(file.toString()), context);
          }
        });
        assertTrue(allocated < allocationBound(bytes.length),
            context + ": replaying " + bytes.length + " bytes allocated " + allocated);
      }, context);
    }
  }

  @Test
  void aLengthOverTheMaximumIsCorruption() throws IOException {
    Path file = dir.resolve("huge");
    Files.write(file, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointReplay.replay(file));
    assertTrue(e.reason().contains("exceeds the maximum"), e.reason());
  }

  @Test
  void aLargeButLegalLengthOnAShortFileIsATornTailWithoutAllocating() throws Exception {
    Path file = dir.resolve("short");
    // 60 MiB promised, 3 bytes present: "not yet written", and nothing of 60 MiB is allocated.
    Files.write(file, new byte[] {0x03, (byte) 0xc0, 0, 0, 1, 2, 3});
    ReplayResult[] result = new ReplayResult[1];
    long allocated = ThreadAllocation.bytesDuring(() -> result[0] = CheckpointReplay.replay(file));
    assertTrue(result[0].tornAt().isPresent());
    assertTrue(allocated < allocationBound(7), "allocated " + allocated + " bytes for 7");
  }

  @Test
  void aUnionWithTwoMembersIsCorruption() throws IOException {
    byte[] one = new RecordEncoder().frame(Records.waiting("p", 0));
    // Payload: [0c 0002 <ProcessStatus> 00] 00  -> duplicate the member before the final STOP.
    int payloadLength = one.length - 4;
    byte[] member = java.util.Arrays.copyOfRange(one, 4, one.length - 1);
    byte[] doubled = new byte[4 + member.length * 2 + 1];
    Bytes.putInt(doubled, 0, member.length * 2 + 1);
    System.arraycopy(member, 0, doubled, 4, member.length);
    System.arraycopy(member, 0, doubled, 4 + member.length, member.length);
    Path file = dir.resolve("two");
    Files.write(file, doubled);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointReplay.replay(file));
    assertTrue(e.reason().contains("2 members"), e.reason() + " " + payloadLength);
  }

  @Test
  void anEmptyUnionIsCorruption() throws IOException {
    Path file = dir.resolve("empty");
    Files.write(file, new byte[] {0, 0, 0, 1, 0});
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointReplay.replay(file));
    assertTrue(e.reason().contains("0 members"), e.reason());
  }

  /**
   * What replaying a file of {@code fileBytes} may allocate: a fixed allowance for the reader's
   * buffer and the decoded records, plus a multiple of the file's size. A length field that
   * promises up to {@link CheckpointFormat#MAX_RECORD_BYTES} must not be believed.
   */
  private static long allocationBound(int fileBytes) {
    return (2L << 20) + 64L * fileBytes;
  }
}
