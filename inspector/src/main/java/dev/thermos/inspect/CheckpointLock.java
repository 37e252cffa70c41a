package dev.thermos.inspect;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner checkpoint's {@code flock(2)}, taken without writing: to learn whether a runner holds
 * it, and to keep runners out while a finished task's files are removed. The file is opened
 * read-only and never created.
 */
public final class CheckpointLock implements Closeable {
  private int fd;

  private CheckpointLock(int fd) {
    this.fd = fd;
  }

  /**
   * Takes the lock without blocking.
   *
   * @return the held lock, or empty when another process holds it
   * @throws IOException when the file cannot be opened (it does not exist, say)
   */
  public static Optional<CheckpointLock> tryLock(Path path) throws IOException {
    int fd = FileLocks.openLocked(path, LibC.O_RDONLY, 0);
    return fd < 0 ? Optional.empty() : Optional.of(new CheckpointLock(fd));
  }

  /** True when another process holds the lock now (probed with a lock taken and released). */
  public static boolean isHeld(Path path) throws IOException {
    Optional<CheckpointLock> lock = tryLock(path);
    lock.ifPresent(CheckpointLock::close);
    return lock.isEmpty();
  }

  @Override
  public void close() {
    if (fd >= 0) {
      int closing = fd;
      fd = -1;
      try {
        LibC.close(closing);
      } catch (LastErrorException e) {
        // Closing releases the lock whatever close(2) reports.
      }
    }
  }
}
