package dev.thermos.format;

import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An append that did not reach the disk: nothing of it is in the file (a partial write was cut
 * off, or will be before the next append). {@link #isDiskCondition()} tells a disk that may come
 * back (full, over quota, read-only, failing I/O) from other errors.
 */
public final class CheckpointWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Path path;
  private final int errno;

  public CheckpointWriteException(Path path, int errno, Throwable cause) {
    super(path + ": " + LibC.strerror(errno) + " (errno " + errno + ")", cause);
    this.path = path;
    this.errno = errno;
  }

  public Path path() {
    return path;
  }

  public int errno() {
    return errno;
  }

  /** True for ENOSPC, EDQUOT, EROFS and EIO: conditions of the disk an operator can clear. */
  public boolean isDiskCondition() {
    return errno == LibC.ENOSPC || errno == LibC.EDQUOT || errno == LibC.EROFS
        || errno == LibC.EIO;
  }
}
