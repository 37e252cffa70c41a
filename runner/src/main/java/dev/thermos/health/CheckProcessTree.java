package dev.thermos.health;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.util.List;

/**
 * Kills a {@code cmdline} check's process and everything it started. The check runs in a
 * session of its own whose id is its pid, so a SIGKILL to that process group reaches every
 * process still in it, including those whose parent has already exited; descendants that moved to
 * another group are killed through {@link ProcessHandle#descendants()} (each identified by its
 * start time, so a reused pid is never signalled). The group is signalled only while its leader
 * has not been reaped (a group id stays allocated while any member lives, so it is reused only if
 * the leader is reaped in that instant, every member has ended and the kernel hands the same
 * number to a new group leader at once).
 */
final class CheckProcessTree {
  private CheckProcessTree() {}

  /** SIGKILLs {@code process}'s group and descendants and waits for {@code process} to end. */
  static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      killGroup(process.pid());
    }
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void killGroup(long pgid) {
    try {
      LibC.kill((int) -pgid, LibC.SIGKILL);
    } catch (LastErrorException e) {
      // ESRCH: the group is gone already; EPERM cannot happen for our own child's group as root
      // and, unprivileged, only for members that changed user, which the descendants walk misses
      // too.
    }
  }
}
