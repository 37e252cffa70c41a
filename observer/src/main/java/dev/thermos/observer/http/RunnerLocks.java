package dev.thermos.observer.http;

import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.posix.LockTable;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Who holds each runner checkpoint's lock, as {@code status} tells whether a runner is alive
 * ({@link LockTable}, read from {@code /proc/locks}, never by taking a lock). A runner dying makes
 * no file event, so the table is read when asked, at most once per {@code maxAgeMs} (a page of
 * rows asks for many files at once). The request that finds the table too old reads it again; the
 * requests arriving meanwhile use the one before rather than wait for that read (only the first
 * read is waited for).
 */
final class RunnerLocks {
  private final LongSupplier clockMs;
  private final long maxAgeMs;
  private final Supplier<LockTable> reader;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Read last;

  /** A table and when it was read. */
  private record Read(LockTable table, long atMs) {}

  RunnerLocks(LongSupplier clockMs, long maxAgeMs) {
    this(clockMs, maxAgeMs, LockTable::read);
  }

  RunnerLocks(LongSupplier clockMs, long maxAgeMs, Supplier<LockTable> reader) {
    this.clockMs = clockMs;
    this.maxAgeMs = maxAgeMs;
    this.reader = reader;
  }

  /** The pid holding the lock of {@code task}'s runner checkpoint, if any. */
  OptionalInt holder(FollowedTask task) {
    return holder(task, table());
  }

  /** The pid holding the lock of {@code task}'s runner checkpoint in {@code table}, if any. */
  static OptionalInt holder(FollowedTask task, LockTable table) {
    long[] id = task.checkpointIdentity();
    return id[1] < 0 ? OptionalInt.empty() : table.holder(id[0], id[1]);
  }

  /**
   * The lock table, read again when older than the maximum age: the same instance until then (a
   * caller may keep what it looked up in it for as long as it gets the same instance back).
   */
  LockTable table() {
    Read read = last;
    if (read == null) {
      synchronized (this) {
        if (last == null) {
          last = new Read(reader.get(), clockMs.getAsLong());
        }
        return last.table();
      }
    }
    long now = clockMs.getAsLong();
    if ((now - read.atMs() >= maxAgeMs || now < read.atMs()) && reading.compareAndSet(false, true)) {
      try {
        read = new Read(reader.get(), now);
        last = read;
      } finally {
        reading.set(false);
      }
    }
    return read.table();
  }
}
