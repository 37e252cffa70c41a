package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesPropertyTest {
  @Test
  void readsAndWritesAreByteBuffersBigEndianOnes() {
    Random random = new Random(0x5EED_B17EL);
    for (int round = 0; round < 10_000; round++) {
      byte[] b = new byte[16];
      random.nextBytes(b);
      int off = random.nextInt(9);
      assertEquals(ByteBuffer.wrap(b).getInt(off), Bytes.getInt(b, off));
      assertEquals(ByteBuffer.wrap(b).getLong(off), Bytes.getLong(b, off));
      int value = random.nextInt();
      byte[] expected = b.clone();
      ByteBuffer.wrap(expected).putInt(off, value);
      Bytes.putInt(b, off, value);
      assertArrayEquals(expected, b);
    }
  }

  @Test
  void outOfTheArrayIsRefusedAndNothingIsWritten() {
    byte[] b = new byte[6];
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.getInt(b, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.getLong(b, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.putInt(b, 3, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.getInt(b, -1));
    assertArrayEquals(new byte[6], b);
  }
}
