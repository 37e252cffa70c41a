package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.launch.CoordinatorExit;
import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.ProcessIdentity;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Learns when an adopted coordinator (started by an earlier runner, so not our child) ends: a
 * coordinator holds the flock of its checkpoint for its whole life, so a blocking flock returns
 * exactly when it is gone. One daemon thread per adopted run; no polling.
 */
final class CoordinatorLockWaiter {
  private CoordinatorLockWaiter() {}

  /**
   * True when the flock of {@code file} is held by a thermos coordinator (as opposed to some other
   * process that locked the file): {@code /proc/locks} names the holder's pid and the file's inode.
   */
  static boolean isHeldByCoordinator(Path file) {
    return FileLocks.isHeld(file) && FileLocks.holders(file).stream().anyMatch(pid ->
        ProcessIdentity.commandLine(pid).map(cmd -> cmd.contains("thermos-coordinator"))
            .orElse(false));
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
      onGone.accept(new Event.CoordinatorExited(process, coordinatorPid, CoordinatorExit.UNKNOWN));
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
