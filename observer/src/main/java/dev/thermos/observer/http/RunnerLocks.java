package dev.thermos.observer.http;

import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.posix.LockTable;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Who holds each runner checkpoint's lock, as {@code status} tells whether a runner is alive
 * ({@link LockTable}, read from {@code /proc/locks}, never by taking a lock). A runner dying makes
 * no file event, so the table is read when asked, at most once per {@code maxAgeMs} (a page of
 * rows asks for many files at once).
 */
final class RunnerLocks {
  private final LongSupplier clockMs;
  private final long maxAgeMs;
  private LockTable table;
  private long readAtMs;

  RunnerLocks(LongSupplier clockMs, long maxAgeMs) {
    this.clockMs = clockMs;
    this.maxAgeMs = maxAgeMs;
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
  synchronized LockTable table() {
    long now = clockMs.getAsLong();
    if (table == null || now - readAtMs >= maxAgeMs || now < readAtMs) {
      table = LockTable.read();
      readAtMs = now;
    }
    return table;
  }
}
