package dev.thermos.observer.http;

import dev.thermos.posix.LockTable;
import java.nio.file.Path;
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

  /** The pid holding {@code checkpoint}'s lock, if any. */
  OptionalInt holder(Path checkpoint) {
    return table().holder(checkpoint);
  }

  private synchronized LockTable table() {
    long now = clockMs.getAsLong();
    if (table == null || now - readAtMs >= maxAgeMs || now < readAtMs) {
      table = LockTable.read();
      readAtMs = now;
    }
    return table;
  }
}
