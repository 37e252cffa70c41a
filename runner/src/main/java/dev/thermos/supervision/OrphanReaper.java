package dev.thermos.supervision;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reaps the orphans re-parented to this JVM as they die: the runner is a child subreaper, and
 * PID 1 when it is a container's entrypoint, so whatever loses its parent below it (or anywhere
 * in its PID namespace) becomes its child, and the JDK never waits for a child it did not start.
 *
 * <p>One daemon thread, blocked in {@code waitid(P_ALL, WEXITED|WNOWAIT)}: woken when a child
 * ends, it looks without reaping. A pid nobody here waits for ({@link KnownChildren}) is reaped
 * at once; a known one is left to its waiter (the JDK's reaper thread, a coordinator waiter),
 * which reaps it promptly, and the thread waits for that before it looks again (the kernel
 * reports the same zombie until then, and it may hide others behind it).
 *
 * <pre>
 *   waitid(P_ALL, WEXITED|WNOWAIT) ─▶ pid unknown ─▶ waitpid(pid, WNOHANG)   (reaped)
 *          │                        └▶ pid known  ─▶ wait until released, at most 1 s;
 *          │                                         then reap the unknown zombies seen
 *          │                                         in /proc (a known one never reaped
 *          │                                         must not hide them)
 *          └▶ ECHILD (no child at all) ─▶ wait until one is started (as PID 1: at most 1 s)
 * </pre>
 *
 * Without a child, a subreaper has no descendant that could leave an orphan: the next child it
 * gets is one it starts ({@link KnownChildren} says when). PID 1 also gets the orphans of
 * processes that entered its PID namespace from outside ({@code kubectl exec}, {@code nsenter}),
 * and the JDK cannot handle SIGCHLD ({@code sun.misc.Signal} installs no handler for it), so PID 1
 * without a child (before the first launch, or after the spawner died until the next) looks
 * again once a second.
 */
public final class OrphanReaper {
  private static final long RECHECK_MS = 1000;
  /** How long to wait for a first child: see the class comment. */
  private static final long CHILDLESS_MS = LibC.getpid() == 1 ? RECHECK_MS : Long.MAX_VALUE;
  private static Thread thread;

  private OrphanReaper() {}

  /** Starts the reaper thread (once per JVM; later calls do nothing). */
  public static synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(OrphanReaper::loop, "thermos-orphan-reaper");
    thread.setDaemon(true);
    thread.start();
  }

  private static void loop() {
    byte[] info = new byte[LibC.SIGINFO_BYTES];
    while (true) {
      long seen = KnownChildren.changes();
      try {
        step(info, seen);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void step(byte[] info, long seen) throws InterruptedException {
    int pid;
    try {
      java.util.Arrays.fill(info, (byte) 0);
      LibC.waitid(LibC.P_ALL, 0, info, LibC.WEXITED | LibC.WNOWAIT);
      pid = ByteBuffer.wrap(info).order(ByteOrder.nativeOrder()).getInt(LibC.SIGINFO_PID_OFFSET);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != LibC.EINTR) {
        KnownChildren.awaitChange(seen, CHILDLESS_MS);  // ECHILD: no child to wait for
      }
      return;
    }
    if (pid <= 0 || KnownChildren.reapIfUnknown(pid)) {
      return;
    }
    KnownChildren.awaitChange(seen, RECHECK_MS);
    if (KnownChildren.isKnown(pid)) {
      reapUnknownZombies();  // not released within the wait: reap the others it may hide
    }
  }

  /** Reaps every zombie child of ours that nobody here waits for, as {@code /proc} shows them. */
  public static void reapUnknownZombies() {
    ProcessTree tree = ProcessTree.snapshot();
    for (int child : tree.children(LibC.getpid())) {
      ProcessTree.Entry e = tree.get(child);
      if (e != null && e.state() == 'Z') {
        KnownChildren.reapIfUnknown(child);
      }
    }
  }
}
