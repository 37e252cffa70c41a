package dev.thermos.supervision;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The children of this JVM that something in it waits for by pid, so that the
 * {@link OrphanReaper} never takes their exit status: the processes the JDK started (its own
 * reaper thread calls {@code waitpid} on each) and pids claimed by a waiter of our own (a
 * coordinator whose spawner died, {@code ReparentedCoordinatorWaiter}). One per JVM, as a
 * process's children are.
 *
 * <p>A process is registered before it can be seen as a zombie: {@link #start} forks and
 * registers under the read side of a lock whose write side {@link #reapIfUnknown} holds while it
 * checks and reaps. A zombie's pid cannot be reused before it is reaped, so the check is exact.
 *
 * <p><b>Every process the runner's JVM starts must be started through {@link #start}</b>, never
 * with {@link ProcessBuilder#start()} alone: one the reaper does not know may be reaped by it
 * before the JDK's own reaper thread, and the JDK would then not know how it ended.
 */
public final class KnownChildren {
  private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
  private static final Condition CHANGED = LOCK.writeLock().newCondition();
  private static final Set<Integer> PIDS = ConcurrentHashMap.newKeySet();
  private static long changes;

  private KnownChildren() {}

  /**
   * {@code builder.start()}, the process registered until the JDK has reaped it.
   *
   * @throws IOException as {@link ProcessBuilder#start()}
   */
  public static Process start(ProcessBuilder builder) throws IOException {
    Process process;
    LOCK.readLock().lock();
    try {
      process = builder.start();
      PIDS.add((int) process.pid());
    } finally {
      LOCK.readLock().unlock();
    }
    // onExit completes once the JDK has reaped it: the pid is free again.
    process.onExit().whenComplete((p, e) -> release((int) process.pid()));
    signalChange();
    return process;
  }

  /** Marks {@code pid} as waited for by its claimer, who calls {@link #release} once it did. */
  public static void claim(int pid) {
    PIDS.add(pid);
  }

  /** {@code pid} is no longer waited for by anyone here (it was reaped, or is not our child). */
  public static void release(int pid) {
    if (PIDS.remove(pid)) {
      signalChange();
    }
  }

  static boolean isKnown(int pid) {
    return PIDS.contains(pid);
  }

  /**
   * Reaps {@code pid} if it is a zombie child nobody here waits for; true if it did. Never
   * blocks on a live child ({@code WNOHANG}).
   */
  static boolean reapIfUnknown(int pid) {
    LOCK.writeLock().lock();
    try {
      if (PIDS.contains(pid)) {
        return false;
      }
      return LibC.waitpid(pid, new int[1], LibC.WNOHANG) == pid;
    } catch (LastErrorException e) {
      return false;  // ECHILD: not our child, or already reaped
    } finally {
      LOCK.writeLock().unlock();
    }
  }

  /** A number that grows whenever a child is started or a known one released. */
  static long changes() {
    LOCK.writeLock().lock();
    try {
      return changes;
    } finally {
      LOCK.writeLock().unlock();
    }
  }

  /**
   * Waits until {@link #changes()} moved past {@code seen}, for at most {@code timeoutMs}.
   *
   * @throws InterruptedException when interrupted
   */
  static void awaitChange(long seen, long timeoutMs) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    LOCK.writeLock().lock();
    try {
      while (changes == seen && nanos > 0) {
        nanos = CHANGED.awaitNanos(nanos);
      }
    } finally {
      LOCK.writeLock().unlock();
    }
  }

  private static void signalChange() {
    LOCK.writeLock().lock();
    try {
      changes++;
      CHANGED.signalAll();
    } finally {
      LOCK.writeLock().unlock();
    }
  }
}
