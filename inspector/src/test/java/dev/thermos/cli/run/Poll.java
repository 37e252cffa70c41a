package dev.thermos.cli.run;

import java.time.Duration;

/** Polling a condition against a deadline (never a fixed sleep). */
final class Poll {
  /** A condition that may throw. */
  interface Check {
    boolean holds() throws Exception;
  }

  private Poll() {}

  /** Polls {@code check} every 20 ms until it holds; fails naming {@code what} on timeout. */
  static void until(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
