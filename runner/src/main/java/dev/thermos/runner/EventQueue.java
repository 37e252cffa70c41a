package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import dev.thermos.posix.PollSet;
import dev.thermos.posix.Readiness;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events that reach the run loop, and how the loop waits for them: in batches, without
 * polling, flushing what the stream has staged before a real sleep.
 *
 * <p>Two sources. Other threads (exit reports, health checks, signal handlers) {@link #add} events
 * to a queue and, when the loop sleeps, wake it through an eventfd. Coordinators' writes come from
 * the inotify descriptor of a {@link CoordinatorWatcher}, which the loop's thread reads itself: the
 * end of a run reaches the loop with one wake-up, not three (inotify to the JDK's watch thread, to
 * a watcher thread, to the loop), which is most of what a short process's next launch waited for.
 * The loop sleeps in one {@code poll(2)} on both descriptors.
 */
final class EventQueue implements Closeable {
  private static final long LINGER_MILLIS = 3;
  private static final long MAX_LINGER_MILLIS = 20;
  private static final int WAKE = 0;
  private static final int WATCH = 1;

  private final Queue<Event> events = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final int wakeFd;
  private final byte[] counter = new byte[8];
  private final byte[] one = {1, 0, 0, 0, 0, 0, 0, 0};  // a uint64 not 0, whatever the byte order
  private final PollSet descriptors = new PollSet(2);
  private CoordinatorWatcher watcher;
  private volatile boolean closed;

  EventQueue() throws IOException {
    try {
      wakeFd = Readiness.eventfd(0, Readiness.EFD_NONBLOCK | Readiness.EFD_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("eventfd: " + LibC.strerror(e.getErrorCode()), e);
    }
    descriptors.set(WAKE, wakeFd);
  }

  /** Reads {@code watcher}'s changes as events from now on. The loop's thread. */
  void watch(CoordinatorWatcher watcher) {
    this.watcher = watcher;
  }

  /** Thread-safe. */
  void add(Event event) {
    events.add(event);
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      wake();
    }
  }

  /** Under the lock {@link #close} takes: never a write to a number closed meanwhile. */
  private synchronized void wake() {
    if (closed) {
      return;
    }
    try {
      LibC.write(wakeFd, one, one.length);
    } catch (LastErrorException e) {
      // EAGAIN: the counter is full, so the loop wakes anyway
    }
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

  /**
   * The events there are, after up to {@code millis} for the first (MAX_VALUE: for ever). The
   * watch is read only when poll says it has something: a read that finds nothing costs JNA an
   * exception (two, with the one it parses its message with), which a chain step paid several
   * times over. A change in the directory that is no event (the runner's own checkpoint, its
   * log) does not end the wait.
   */
  List<Event> poll(long millis) throws IOException {
    List<Event> batch = new ArrayList<>();
    long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE
        : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    drainTo(batch);
    int watched = watcher == null ? -1 : watcher.descriptor();
    descriptors.set(WATCH, watched);
    while (true) {
      long remaining = remainingMillis(deadline);
      if (!batch.isEmpty() || remaining == 0) {
        look(watched, batch, 0);
        return batch;
      }
      sleeping.set(true);
      try {
        drainTo(batch);  // added before the flag was seen: no wake-up will come for it
        look(watched, batch, batch.isEmpty() ? remaining : 0);
      } finally {
        sleeping.set(false);
      }
    }
  }

  /**
   * Waits up to {@code millis} (-1 or more than an int: see {@link #timeoutMillis}) for a wake-up
   * or a change, then adds what there is to {@code batch}.
   */
  private void look(int watched, List<Event> batch, long millis) throws IOException {
    descriptors.await(timeoutMillis(millis));
    if (descriptors.ready(WAKE)) {
      resetWake();
    }
    if (watched >= 0 && descriptors.ready(WATCH)) {
      watcher.readInto(batch::add);
    }
    drainTo(batch);
  }

  /** {@code poll(2)}'s timeout for a wait of {@code millis}: -1 for ever, at most an int. */
  static int timeoutMillis(long millis) {
    return millis < 0 || millis == Long.MAX_VALUE ? -1 : (int) Math.min(millis, Integer.MAX_VALUE);
  }

  /** Milliseconds (rounded up) until {@code deadline} (nanoTime); MAX_VALUE for ever. */
  private static long remainingMillis(long deadline) {
    if (deadline == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long nanos = deadline - System.nanoTime();
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  private void resetWake() {
    try {
      LibC.read(wakeFd, counter, counter.length);
    } catch (LastErrorException e) {
      // EAGAIN: already zero
    }
  }

  private void drainTo(List<Event> batch) {
    for (Event e = events.poll(); e != null; e = events.poll()) {
      batch.add(e);
    }
  }

  /**
   * Closes the wake-up descriptor (once). An event added later is kept but wakes nothing: the
   * number may belong to another file by then.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sleeping.set(false);
    try {
      LibC.close(wakeFd);
    } catch (LastErrorException e) {
      // closed either way
    }
  }
}
