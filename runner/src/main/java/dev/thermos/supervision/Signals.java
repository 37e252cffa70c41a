package dev.thermos.supervision;

import dev.thermos.posix.LibC;
import dev.thermos.posix.QuietCalls;

/** {@code kill(2)} and {@code waitpid(2)}, where "already gone" is success, not an error. */
public final class Signals {
  /** The real sender: {@code kill(2)}. */
  public static final SignalSender KERNEL = Signals::send;

  private Signals() {}

  private static boolean send(int pid, int signal) throws SignalException {
    if (QuietCalls.kill(pid, signal) == 0) {
      return true;
    }
    int errno = QuietCalls.errno();
    if (errno == LibC.ESRCH) {
      return false;
    }
    throw new SignalException(pid, signal, errno);
  }

  /**
   * Reaps {@code pid} if it is a zombie child of ours that nothing here waits for (neither the
   * JDK nor a waiter of ours, {@link KnownChildren}).
   */
  static void reap(int pid) {
    KnownChildren.reapIfUnknown(pid);
  }
}
