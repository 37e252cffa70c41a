package dev.thermos.supervision;

/** How the kill ladder reaches the kernel; tests inject one that fails on demand. */
@FunctionalInterface
public interface SignalSender {
  /**
   * Sends {@code signal} to {@code pid} (negative: a process group).
   *
   * @return true when it was sent, false when no such process exists (already gone)
   * @throws SignalException when the kernel refused it (EPERM, say)
   */
  boolean send(int pid, int signal) throws SignalException;
}
