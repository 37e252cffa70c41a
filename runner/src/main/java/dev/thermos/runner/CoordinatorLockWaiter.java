package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import dev.thermos.posix.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Learns when an adopted coordinator (started by an earlier runner, so not our child) ends: a
 * coordinator holds the flock of its checkpoint for its whole life, so a blocking flock returns
 * exactly when it is gone. One daemon thread per adopted run; no polling.
 */
final class CoordinatorLockWaiter {
  private CoordinatorLockWaiter() {}

  /** True when a live process (a coordinator) holds the flock of {@code file}. */
  static boolean isHeld(Path file) {
    int fd = open(file);
    if (fd < 0) {
      return false;
    }
    try {
      LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
      return false;
    } catch (LastErrorException e) {
      return e.getErrorCode() == LibC.EWOULDBLOCK;
    } finally {
      LibC.close(fd);
    }
  }

  /**
   * True when the flock of {@code file} is held by a thermos coordinator (as opposed to some other
   * process that locked the file): {@code /proc/locks} names the holder's pid and the file's inode.
   */
  static boolean isHeldByCoordinator(Path file) {
    if (!isHeld(file)) {
      return false;
    }
    long inode;
    try {
      inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
    return flockHolders(inode).stream().anyMatch(pid -> ProcessIdentity.commandLine(pid)
        .map(cmd -> cmd.contains("thermos-coordinator")).orElse(false));
  }

  /** Pids holding a FLOCK on the inode, from lines like "1: FLOCK ADVISORY WRITE 42 fd:01:77 0 EOF". */
  private static List<Integer> flockHolders(long inode) {
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

  /** Calls {@code onGone} (from another thread) once nobody holds the flock of {@code file}. */
  static void await(Path file, String process, int coordinatorPid, Consumer<Event> onGone) {
    Thread t = new Thread(() -> {
      int fd = open(file);
      if (fd >= 0) {
        try {
          LibC.flock(fd, LibC.LOCK_EX);
        } catch (LastErrorException e) {
          // fall through: treat as gone
        } finally {
          LibC.close(fd);
        }
      }
      onGone.accept(new Event.CoordinatorExited(process, coordinatorPid, -1));
    }, "thermos-adopted-" + process);
    t.setDaemon(true);
    t.start();
  }

  private static int open(Path file) {
    try {
      return LibC.open(LibC.cPath(file.toString()), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      return -1;
    }
  }
}
