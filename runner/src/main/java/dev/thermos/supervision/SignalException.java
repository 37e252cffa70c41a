package dev.thermos.supervision;

import dev.thermos.posix.LibC;

/** The kernel refused a signal: the process exists but is not ours to signal (EPERM), or worse. */
public final class SignalException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int pid;
  private final int signal;
  private final int errno;

  public SignalException(int pid, int signal, int errno) {
    super("cannot send signal " + signal + " to " + (pid < 0 ? "process group " + -pid : "pid " + pid)
        + ": " + (errno == LibC.EPERM ? "EPERM (not permitted)" : "errno " + errno));
    this.pid = pid;
    this.signal = signal;
    this.errno = errno;
  }

  /** The target: a pid, or minus a process group id. */
  public int pid() {
    return pid;
  }

  public int signal() {
    return signal;
  }

  public int errno() {
    return errno;
  }
}
