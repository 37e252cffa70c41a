package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flock(2)} on a file by path: take it without blocking, probe it, and name who holds it
 * ({@code /proc/locks}), for the checkpoint writer, the inspector's lock and the runner's view of
 * its coordinators.
 */
public final class FileLocks {
  private FileLocks() {}

  /**
   * Opens {@code path} with {@code flags} (plus {@code O_CLOEXEC}, {@code O_NOFOLLOW} and
   * {@code O_NONBLOCK}: a link, a FIFO or a device is refused) and takes an exclusive flock
   * without blocking.
   *
   * @return the locked descriptor, or -1 when another process holds the lock
   * @throws IOException when the file cannot be opened or flock fails otherwise
   */
  public static int openLocked(Path path, int flags, int mode) throws IOException {
    int fd;
    try {
      fd = LibC.open(LibC.cPath(path.toString()),
          flags | LibC.O_CLOEXEC | LibC.O_NOFOLLOW | LibC.O_NONBLOCK, mode);
    } catch (LastErrorException e) {
      throw Descriptors.failure(path, e);
    }
    try {
      FileStat stat = Descriptors.stat(fd);
      if (!stat.isRegularFile()) {
        throw new UnsafePathException(path, stat.kind() + ", not a regular file");
      }
      if (tryLock(fd, path)) {
        return fd;
      }
    } catch (IOException e) {
      LibC.close(fd);
      throw e;
    }
    LibC.close(fd);
    return -1;
  }

  /**
   * Takes an exclusive flock of the open {@code fd} without blocking.
   *
   * @return false when another process holds it
   * @throws IOException when flock fails otherwise (names {@code path})
   */
  public static boolean tryLock(int fd, Path path) throws IOException {
    try {
      LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EWOULDBLOCK) {
        return false;
      }
      throw new IOException(path + ": flock failed: errno " + e.getErrorCode(), e);
    }
  }

  /**
   * True when another process holds the flock of {@code path} now (probed by taking and releasing
   * it); false also when the file cannot be opened.
   */
  public static boolean isHeld(Path path) {
    int fd;
    try {
      fd = openLocked(path, LibC.O_RDONLY, 0);
    } catch (IOException e) {
      return false;
    }
    if (fd >= 0) {
      LibC.close(fd);
      return false;
    }
    return true;
  }

  /**
   * Pids holding a flock on {@code path}'s inode, from {@code /proc/locks} lines such as
   * {@code 1: FLOCK ADVISORY WRITE 42 fd:01:77 0 EOF}; empty when none is known. Never takes the
   * lock, so it cannot get in a holder's way.
   */
  public static List<Integer> holders(Path path) {
    try {
      return holders(((Number) Files.getAttribute(path, "unix:ino")).longValue());
    } catch (IOException | UnsupportedOperationException e) {
      return new ArrayList<>();
    }
  }

  /** Pids holding a flock on inode {@code inode} (see {@link #holders(Path)}). */
  public static List<Integer> holders(long inode) {
    List<Integer> pids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 6 && f[1].equals("FLOCK") && f[5].endsWith(":" + inode)) {
          pids.add(Integer.parseInt(f[4]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no holder known
    }
    return pids;
  }
}
