package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Raw descriptors opened through {@link LibC}, made usable from Java: their {@code fstat}, a
 * {@link FileChannel} on the very file they are open on, and the typed exception for a failed
 * call.
 */
public final class Descriptors {
  private Descriptors() {}

  /** {@code fstat} of the open descriptor {@code file}. */
  public static FileStat stat(int file) throws IOException {
    return DescriptorStat.of(file);
  }

  /**
   * A new channel on the very file {@code file} is open on (through {@code /proc/self/fd/N}, never
   * a path that could have been swapped); {@code file} stays open.
   */
  public static FileChannel channel(int file, OpenOption... options) throws IOException {
    return FileChannel.open(Path.of("/proc/self/fd/" + file), options);
  }

  /** The exception for a failed call on {@code full}: typed for what callers tell apart. */
  public static IOException failure(Path full, LastErrorException e) {
    int errno = e.getErrorCode();
    IOException out = switch (errno) {
      case LibC.ENOENT -> new NoSuchFileException(full.toString());
      case LibC.ELOOP -> new UnsafePathException(full, "a symbolic link (not followed)");
      case LibC.ENOTDIR -> new UnsafePathException(full, "not a directory");
      case LibC.ENXIO -> new UnsafePathException(full, "not a regular file (a FIFO or device)");
      default -> new IOException(full + ": " + LibC.strerror(errno));
    };
    out.initCause(e);
    return out;
  }
}
