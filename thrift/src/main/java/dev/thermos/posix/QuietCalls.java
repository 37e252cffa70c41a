package dev.thermos.posix;

import com.sun.jna.Native;

/**
 * libc calls whose failure is an expected answer, bound without {@link
 * com.sun.jna.LastErrorException}: JNA builds that exception on every failure, and a second one
 * parsing its own message, some tens of microseconds in an interpreted JVM. A runner asks the
 * kernel after every run whether anything is left in the run's process group ({@code kill(-pgid)}),
 * and the answer is nearly always "no such process". Each call returns -1 on failure, with
 * {@code errno} in {@link #errno()}.
 */
public final class QuietCalls {
  static {
    Native.register(QuietCalls.class, CLibrary.name());
  }

  private QuietCalls() {}

  /** {@code kill(2)}: 0, or -1 with {@link #errno()}. */
  public static native int kill(int pid, int sig);

  /** The {@code errno} of this thread's last call above. */
  public static int errno() {
    return Native.getLastError();
  }
}
