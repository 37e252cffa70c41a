package dev.thermos.observer.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void fieldsAreCountedAfterTheLastParenthesisOfTheName() {
    String line = "4242 (a) b (c)) R 1 4242 4242 0 -1 4194304 1 0 0 0 7 5 0 0 20 0 3 0 12345 1000 77"
        + " 1 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    assertEquals(new ProcStat(4242, 1, 'R', 12, 3, 12345, 77), ProcStat.parse(line));
  }

  @Test
  void aTruncatedLineIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 (x) S 1 2 3"));
  }
}
