package dev.thermos.runner;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events that reach the run loop from other threads (watchers, exit callbacks, health checks,
 * signal handlers), and how the loop waits for them: in batches, without polling, flushing what
 * the stream has staged before a real sleep.
 */
final class EventQueue {
  private static final long LINGER_MILLIS = 3;
  private static final long MAX_LINGER_MILLIS = 20;

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  /** Thread-safe. */
  void add(Event event) {
    events.add(event);
  }

  /**
   * Waits up to {@code waitMillis} ({@link Long#MAX_VALUE}: for ever) for events. Staged records
   * (copied from coordinators; nothing acts on them yet) are flushed before a real sleep, but not
   * while more events keep coming within a few milliseconds (a short process's end follows its
   * start): they then share the sync with the next launch.
   */
  List<Event> awaitFlushingLazily(RunnerStream stream, long waitMillis) throws IOException {
    long wait = waitMillis;
    if (stream.pendingMillis() >= 0 && stream.pendingMillis() < MAX_LINGER_MILLIS) {
      long start = System.nanoTime();
      List<Event> batch = poll(Math.min(wait, LINGER_MILLIS));
      if (!batch.isEmpty()) {
        return batch;
      }
      if (wait != Long.MAX_VALUE) {
        wait = Math.max(0, wait - (System.nanoTime() - start) / 1_000_000);
      }
    }
    stream.flush();
    return poll(wait);
  }

  /** The events there are, after up to {@code millis} for the first (MAX_VALUE: for ever). */
  List<Event> poll(long millis) throws IOException {
    List<Event> batch = new ArrayList<>();
    try {
      Event first = millis == Long.MAX_VALUE ? events.take()
          : events.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("run loop interrupted");
    }
    events.drainTo(batch);
    return batch;
  }
}
