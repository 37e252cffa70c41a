package dev.thermos.observer.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorListTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void ascendingCursorsRoundTrip(long seed) {
    Random random = new Random(seed);
    long[] cursors = new long[1000];
    long c = (long) random.nextInt(30_000) << 32;
    CursorList list = new CursorList();
    for (int i = 0; i < cursors.length; i++) {
      c += 1 + (random.nextInt(10) == 0 ? (long) random.nextInt(5) << 32 : random.nextInt(5000));
      cursors[i] = c;
      list.add(c);
    }
    assertArrayEquals(cursors, list.toArray());
    assertEquals(cursors[0], list.first());
    assertEquals(cursors[999], list.last());
    assertEquals(1000, list.size());
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 4})
  void aCursorNotAfterTheLastIsRefused(long next) {
    CursorList list = new CursorList();
    list.add(5);
    assertThrows(IllegalArgumentException.class, () -> list.add(next));
  }
}
