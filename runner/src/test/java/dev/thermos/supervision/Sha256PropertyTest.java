package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Sha256PropertyTest {
  /** Every length up to four blocks (the padding's edges at 55, 56, 63, 64 bytes), and more. */
  static IntStream lengths() {
    return IntStream.concat(IntStream.rangeClosed(0, 260), IntStream.of(1000, 4097, 65_537));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void theDigestIsTheJdksForRandomBytesOfEveryLength(int length) throws Exception {
    Random random = new Random(0x5EED_0000L + length);
    for (int round = 0; round < 5; round++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Sha256.digest(data),
          "length " + length + ", round " + round);
    }
  }

  @Test
  void theDigestOfAbcIsTheStandardsExample() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
  }
}
