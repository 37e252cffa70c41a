package dev.thermos.supervision;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads files of {@code /proc/<pid>/} through raw descriptors into one buffer it reuses: a
 * {@link ProcessTree} snapshot reads the {@code stat} of every process of the host, several times
 * at the end of each task, and {@code Files.readString} spent most of a snapshot's time on
 * channels, paths and decoding (some 15 ms a snapshot of a hundred processes).
 *
 * <p>Not thread-safe: one reader per snapshot.
 */
final class ProcReader {
  private static final int CHUNK = 4096;

  private final byte[] chunk = new byte[CHUNK];
  private byte[] content = new byte[CHUNK];
  private int length;

  /**
   * Reads {@code /proc/<pid>/<name>} whole; false when it cannot be (the process is gone, or its
   * file is not ours to read). Its bytes are then {@link #content()} up to {@link #length()}.
   */
  boolean read(int pid, String name) {
    byte[] path = ("/proc/" + pid + "/" + name + "\0").getBytes(StandardCharsets.US_ASCII);
    int fd;
    try {
      fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      return false;
    }
    try {
      length = 0;
      for (long n; (n = LibC.read(fd, chunk, CHUNK)) > 0; ) {
        if (length + n > content.length) {
          content = Arrays.copyOf(content, Math.max(content.length * 2, length + (int) n));
        }
        System.arraycopy(chunk, 0, content, length, (int) n);
        length += (int) n;
      }
      return true;
    } catch (LastErrorException e) {
      return false;  // e.g. ESRCH: it exited between open and read
    } finally {
      LibC.close(fd);
    }
  }

  /** The bytes of the last read (valid up to {@link #length()}; overwritten by the next). */
  byte[] content() {
    return content;
  }

  int length() {
    return length;
  }
}
