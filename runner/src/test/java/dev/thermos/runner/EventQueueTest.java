package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EventQueueTest {
  @TempDir Path dir;

  @Test
  void aWaitLongerThanAnIntOfMillisecondsIsNotForEver() {
    assertEquals(-1, EventQueue.timeoutMillis(Long.MAX_VALUE));
    assertEquals(-1, EventQueue.timeoutMillis(-5));
    assertEquals(Integer.MAX_VALUE, EventQueue.timeoutMillis(1L << 31));
    assertEquals(Integer.MAX_VALUE, EventQueue.timeoutMillis(Long.MAX_VALUE - 1));
    assertEquals(0, EventQueue.timeoutMillis(0));
    assertEquals(1234, EventQueue.timeoutMillis(1234));
  }

  /** The runner's own checkpoint is in the watched directory: its writes end no wait. */
  @Test
  void aChangeThatIsNoEventDoesNotEndTheWait() throws Exception {
    try (EventQueue queue = new EventQueue();
        CoordinatorWatcher watcher = new CoordinatorWatcher(dir)) {
      queue.watch(watcher);
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 5; i++) {
            Thread.sleep(20);
            Files.writeString(dir.resolve("runner"), "x" + i);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long start = System.nanoTime();
      writer.start();
      List<Event> batch = queue.poll(400);
      long waited = System.nanoTime() - start;
      writer.join();
      assertEquals(List.of(), batch);
      assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(400), waited / 1_000_000 + " ms");
    }
  }

  /** Threads adding while the loop waits with random timeouts: every event arrives, once. */
  @Test
  @Timeout(120)
  void noEventIsLostToTheWakeUpProtocol() throws Exception {
    int threads = 4;
    int each = 20_000;
    try (EventQueue queue = new EventQueue()) {
      List<Thread> adders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        Thread a = new Thread(() -> {
          for (int i = 0; i < each; i++) {
            queue.add(new Event.CoordinatorWrote("p" + (base + i)));
          }
        });
        adders.add(a);
        a.start();
      }
      Random random = new Random(0x5EED);
      Set<String> seen = new HashSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < threads * each && System.nanoTime() < deadline) {
        long wait = random.nextInt(4) == 0 ? Long.MAX_VALUE : random.nextInt(3);
        if (wait == Long.MAX_VALUE && adders.stream().noneMatch(Thread::isAlive)
            && seen.size() < threads * each) {
          wait = 1;  // every adder ended: what is left is in the queue already
        }
        for (Event e : queue.poll(wait)) {
          assertTrue(seen.add(((Event.CoordinatorWrote) e).process()), "twice: " + e);
        }
      }
      for (Thread a : adders) {
        a.join();
      }
      assertEquals(threads * each, seen.size());
    }
  }

  @Test
  void closingTwiceIsOnceAndAnEventAddedAfterIsKeptButWakesNothing() throws Exception {
    EventQueue queue = new EventQueue();
    queue.close();
    queue.close();
    queue.add(new Event.ControlWritten());
    assertEquals(List.of(new Event.ControlWritten()), queue.poll(0));
  }
}
