package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuietCallsTest {
  @Test
  void aSignalToAGoneProcessIsMinusOneWithEsrch() {
    // Pid numbers stop far below this (pid_max is at most 2^22).
    assertEquals(-1, QuietCalls.kill(Integer.MAX_VALUE, 0));
    assertEquals(LibC.ESRCH, QuietCalls.errno());
  }

  @Test
  void aSignalThatCanBeSentIsZero() {
    assertEquals(0, QuietCalls.kill(LibC.getpid(), 0));
  }
}
