package dev.thermos.supervision;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;

/** Sending signals where "already gone" is success. */
final class Signals {
  private Signals() {}

  /** Sends {@code signal} to {@code pid} (negative: a process group); false if it is gone. */
  static boolean send(int pid, int signal) {
    try {
      LibC.kill(pid, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ESRCH) {
        return false;
      }
      throw new IllegalStateException("kill(" + pid + ", " + signal + "): errno " + e.getErrorCode(), e);
    }
  }

  /** Reaps {@code pid} if it is a zombie child of ours that the JDK does not track. */
  static void reap(int pid) {
    try {
      LibC.waitpid(pid, new int[1], LibC.WNOHANG);
    } catch (LastErrorException e) {
      // ECHILD: not our child, or already reaped.
    }
  }
}
