package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.launch.Spawner;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.KnownChildren;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Learns when a coordinator whose spawner died ends. Once the spawner is reaped, the coordinator is
 * a child of this JVM (a child subreaper): {@code waitpid} on its very pid (never -1, which would
 * race the JDK's own reaper) gives its exit status and reaps it. Where it is not our child (the
 * subreaper could not be set, or something reaped it first), its checkpoint's lock tells
 * ({@link CoordinatorLockWaiter}). One daemon thread per such run; they are rare. Its pid was
 * claimed ({@link KnownChildren}) when the spawner reported it, so that the orphan reaper leaves
 * its exit status to us; the claim is released once it is reaped.
 */
final class ReparentedCoordinatorWaiter {
  private static final Duration REAPED_WITHIN = Duration.ofSeconds(30);

  private ReparentedCoordinatorWaiter() {}

  /** Calls {@code onExit} (from another thread) once the coordinator {@code pid} ended. */
  static void await(Spawner dead, String process, int pid, Path checkpoint,
      Consumer<Event> onExit) {
    Thread t = new Thread(() -> {
      try {
        dead.awaitEnd(REAPED_WITHIN);
      } catch (InterruptedException e) {
        return;
      }
      int[] status = new int[1];
      while (true) {
        try {
          if (LibC.waitpid(pid, status, 0) == pid) {
            KnownChildren.release(pid);
            onExit.accept(new Event.CoordinatorExited(process, pid, code(status[0])));
            return;
          }
        } catch (LastErrorException e) {
          if (e.getErrorCode() == LibC.EINTR) {
            continue;
          }
          // ECHILD: not (or no longer) our child
        }
        KnownChildren.release(pid);
        CoordinatorLockWaiter.await(checkpoint, process, pid, onExit);
        return;
      }
    }, "thermos-reparented-" + process);
    t.setDaemon(true);
    t.start();
  }

  /** Exit code, or 128 + signal, as the spawner reports it. */
  private static int code(int status) {
    int signal = status & 0x7f;
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
  }
}
