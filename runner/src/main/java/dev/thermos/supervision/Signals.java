package dev.thermos.supervision;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;

/** {@code kill(2)} and {@code waitpid(2)}, where "already gone" is success, not an error. */
public final class Signals {
  /** The real sender: {@code kill(2)}. */
  public static final SignalSender KERNEL = Signals::send;

  private Signals() {}

  private static boolean send(int pid, int signal) throws SignalException {
    try {
      LibC.kill(pid, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ESRCH) {
        return false;
      }
      throw new SignalException(pid, signal, e.getErrorCode());
    }
  }

  /**
   * Reaps {@code pid} if it is a zombie child of ours that nothing here waits for (neither the
   * JDK nor a waiter of ours, {@link KnownChildren}).
   */
  static void reap(int pid) {
    KnownChildren.reapIfUnknown(pid);
  }
}
