package dev.thermos.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The short texts results carry. */
class ProbeOutcomeTest {
  @Test
  void timeoutsNameWholeSecondsWithoutAFraction() {
    assertEquals("timed out after 5 s", ProbeOutcome.timedOut(5).detail());
    assertEquals("timed out after 0.5 s", ProbeOutcome.timedOut(0.5).detail());
  }

  @Test
  void anExceptionIsItsMessageOnOneLineOrItsClass() {
    assertEquals("a b c", ProbeOutcome.failure(new IOException("a\nb \t c\n")).detail());
    assertEquals("IOException", ProbeOutcome.failure(new IOException()).detail());
  }

  @Test
  void detailsAreBounded() {
    String detail = ProbeOutcome.fail("x".repeat(10_000)).detail();
    assertEquals(ProbeOutcome.MAX_DETAIL_CHARS, detail.length());
    assertEquals('…', detail.charAt(detail.length() - 1));
  }

  @Test
  void socketTimeoutsAreAtLeastOneMillisecond() {
    assertEquals(1, ProbeOutcome.timeoutMillis(0.0000001));
    assertEquals(1500, ProbeOutcome.timeoutMillis(1.5));
    assertEquals(Integer.MAX_VALUE, ProbeOutcome.timeoutMillis(1e12));
  }
}
