package dev.thermos.observer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.posix.LockTable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunnerLocksTest {
  private static final long MAX_AGE_MS = 1000;
  private final AtomicLong clockMs = new AtomicLong(50_000);

  @Test
  void theTableIsReadAgainOnlyOnceItIsOlderThanTheMaximumAge() {
    AtomicInteger reads = new AtomicInteger();
    RunnerLocks locks = new RunnerLocks(clockMs::get, MAX_AGE_MS, () -> {
      reads.incrementAndGet();
      return LockTable.read();
    });
    LockTable first = locks.table();
    clockMs.addAndGet(MAX_AGE_MS - 1);
    assertSame(first, locks.table());
    clockMs.addAndGet(1);
    assertNotSame(first, locks.table(), "as old as the maximum age: read again");
    assertEquals(2, reads.get());
  }

  @Test
  void aRequestArrivingWhileTheTableIsReadAgainGetsThePreviousOneWithoutWaiting()
      throws Exception {
    CountDownLatch inSecondRead = new CountDownLatch(1);
    CountDownLatch finishSecondRead = new CountDownLatch(1);
    AtomicInteger reads = new AtomicInteger();
    RunnerLocks locks = new RunnerLocks(clockMs::get, MAX_AGE_MS, () -> {
      if (reads.incrementAndGet() == 2) {
        inSecondRead.countDown();
        await(finishSecondRead);
      }
      return LockTable.read();
    });
    LockTable first = locks.table();
    clockMs.addAndGet(MAX_AGE_MS);
    CompletableFuture<LockTable> reading = CompletableFuture.supplyAsync(locks::table);
    assertTrue(inSecondRead.await(30, TimeUnit.SECONDS), "the second read started");
    assertSame(first, locks.table(), "the previous table, while the read is under way");
    finishSecondRead.countDown();
    LockTable second = reading.get(30, TimeUnit.SECONDS);
    assertNotSame(first, second);
    assertSame(second, locks.table(), "the new table from then on");
    assertEquals(2, reads.get(), "one read for both requests");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
