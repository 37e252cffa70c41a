package dev.thermos.supervision;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.posix.LibC;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The kill ladder, the one place where thermos signals a task's processes. A run lives in its own
 * session led by its coordinator, so the coordinator's pid is the process group id.
 *
 * <pre>
 *   1. SIGTERM to the run's group ({@link #terminate}); the task's orphans below the runner get
 *      it too ({@link #signalOrphans}). The coordinator ignores it and records how the user
 *      process ended.
 *   2. wait: the grace period is the caller's (the run loop's finalization window; none for
 *      {@code thermos kill --force} and {@code lose}).
 *   3. SIGKILL to the group, its session and every descendant of the coordinator, including those
 *      that left the group ({@link #killAll}, {@link #killRecorded} for a run a checkpoint names).
 *   4. at the end of the task, the sweep ({@link #killEverything}, {@link #killMarked}): SIGKILL
 *      to everything of the task ({@link Victims}), repeated until a round finds nothing new
 *      (a process may fork while its parent is being killed), then the task's cgroup is killed
 *      whole and removed where there is one.
 * </pre>
 *
 * Every step is attempted whatever an earlier one met: a signal the kernel refuses (EPERM) is
 * collected in the step's {@link StopReport} and told to the failure listener, and the step goes
 * on with the other processes.
 */
public final class Stopper {
  /** At most this many sweeps at the end of a task. */
  static final int MAX_SWEEPS = 10;
  private static final Duration POLL = Duration.ofMillis(10);

  private final int self;
  private final Victims victims;
  private final Optional<TaskCgroup> cgroup;
  private final Supplier<ProcessTree> table;
  private final SignalSender sender;
  private final Consumer<SignalException> onFailure;

  /**
   * @param marker the task's marker, which its processes carry
   * @param checkpointDir the task's {@code checkpoints/<task_id>}, whose coordinator checkpoints'
   *     locks vouch for live coordinators ({@link CoordinatorLocks})
   * @param cgroup the task's cgroup, killed whole at the end of the task, where there is one
   * @param onFailure told of every signal the kernel refused, as it happens
   */
  public Stopper(TaskMarker marker, Path checkpointDir, Optional<TaskCgroup> cgroup,
      Consumer<SignalException> onFailure) {
    this(LibC.getpid(), new Victims(LibC.getpid(), marker,
        () -> CoordinatorLocks.holders(checkpointDir)), cgroup, ProcessTree::snapshot,
        Signals.KERNEL, onFailure);
  }

  Stopper(int self, Victims victims, Optional<TaskCgroup> cgroup, Supplier<ProcessTree> table,
      SignalSender sender, Consumer<SignalException> onFailure) {
    this.self = self;
    this.victims = victims;
    this.cgroup = cgroup;
    this.table = table;
    this.sender = sender;
    this.onFailure = onFailure;
  }

  /**
   * {@code signal} to the run's process group (a rung of its stop ladder). The coordinator, found
   * alive, must have started at {@code forkSecs} (its FORKED record; NaN: not known): a pid reused
   * by another process is not signalled. A dead coordinator's group still has the number while it
   * has members, so it is signalled (nothing there: ESRCH).
   */
  public StopReport signalRun(int coordinatorPid, double forkSecs, int signal) {
    StopReport report = new StopReport();
    if (!ProcessIdentity.isLive(coordinatorPid) || isRecorded(coordinatorPid, forkSecs)) {
      send(-coordinatorPid, signal, report);
    }
    return report;
  }

  /** {@code signal} to the run's coordinator alone, if alive and started at {@code forkSecs}. */
  public StopReport signalCoordinator(int coordinatorPid, double forkSecs, int signal) {
    StopReport report = new StopReport();
    if (ProcessIdentity.isLive(coordinatorPid) && isRecorded(coordinatorPid, forkSecs)) {
      send(coordinatorPid, signal, report);
    }
    return report;
  }

  private static boolean isRecorded(int pid, double forkSecs) {
    return Double.isNaN(forkSecs) || ProcessIdentity.isRecordedProcess(pid, forkSecs);
  }

  /**
   * SIGKILL to every process of the run (group, session, descendants) except its coordinator,
   * which then reaps the user process and records the end itself (the last step of a ladder).
   */
  public StopReport killRunButCoordinator(int coordinatorPid) {
    StopReport report = new StopReport();
    ProcessTree tree = table.get();
    Set<Integer> run = victims.ofRuns(tree, List.of(coordinatorPid));
    run.remove(coordinatorPid);
    // The user process first: killed after its children it could see them die and exit 0.
    Set<Integer> ordered = new java.util.LinkedHashSet<>(tree.children(coordinatorPid));
    ordered.retainAll(run);
    ordered.addAll(run);
    sendEach(ordered, LibC.SIGKILL, report);
    return report;
  }

  /** SIGKILL to each run's group, session and (when it descends from this runner) tree. */
  public StopReport killAll(Collection<Integer> coordinatorPids) {
    StopReport report = new StopReport();
    if (coordinatorPids.isEmpty()) {
      return report;  // no run: nothing to find, and /proc is not read (a task's end did, twice)
    }
    ProcessTree tree = table.get();
    Set<Integer> runs = victims.ofRuns(tree, coordinatorPids);
    for (int pid : victims.vouchedGroups(tree, coordinatorPids)) {
      send(-pid, LibC.SIGKILL, report);
    }
    sendEach(runs, LibC.SIGKILL, report);
    return report;
  }

  /**
   * After a run ended: SIGKILL whatever is left in its group (strays its process left behind), and
   * their trees. Cheap when nothing is left: {@code /proc} is read only if the group is not empty.
   */
  public StopReport killLeftovers(int coordinatorPid) {
    StopReport report = new StopReport();
    // The coordinator has exited: while its pid is gone (or a zombie) the number cannot have been
    // reused, so its group is the run's. A live process with that pid is checked through /proc.
    if (ProcessIdentity.isLive(coordinatorPid)) {
      return killAll(List.of(coordinatorPid));
    }
    if (send(-coordinatorPid, LibC.SIGKILL, report)) {
      report.add(killAll(List.of(coordinatorPid)));
    }
    return report;
  }

  /**
   * Sends {@code signal} to the task's processes below the runner that are neither a live
   * coordinator nor in a live coordinator's group (those get it through the group), then reaps
   * zombie orphans.
   */
  public StopReport signalOrphans(Collection<Integer> liveCoordinators, int signal) {
    ProcessTree tree = table.get();
    StopReport report = new StopReport();
    for (int pid : victims.underRunner(tree)) {
      ProcessTree.Entry e = tree.get(pid);
      if (!liveCoordinators.contains(pid) && !liveCoordinators.contains(e.pgrp())) {
        send(pid, signal, report);
      }
    }
    reapOrphans(liveCoordinators);
    return report;
  }

  /**
   * At the end of a task: SIGKILL everything of it — below the runner, in the runs of
   * {@code coordinatorPids}, and anywhere with its marker — in rounds until one finds nothing new;
   * then its cgroup, and reap.
   */
  public StopReport killEverything(Collection<Integer> coordinatorPids) {
    StopReport report = sweep(tree -> victims.everything(tree, coordinatorPids));
    reapOrphans(Set.of());
    return report;
  }

  /** SIGKILL to the processes with the task's marker anywhere, in rounds; then its cgroup. */
  public StopReport killMarked() {
    return sweep(victims::marked);
  }

  private StopReport sweep(Function<ProcessTree, Set<Integer>> find) {
    StopReport report = new StopReport();
    Set<Integer> signalled = new HashSet<>();
    for (int round = 0; round < MAX_SWEEPS; round++) {
      Set<Integer> found = find.apply(table.get());
      found.removeAll(signalled);
      if (found.isEmpty()) {
        break;
      }
      sendEach(found, LibC.SIGKILL, report);
      signalled.addAll(found);
    }
    cgroup.ifPresent(c -> c.killAndRemove(sender, report));
    return report;
  }

  /**
   * SIGKILLs what is left of a run recorded in a checkpoint, by a process that did not start it:
   * only processes whose start time matches the record ({@link Victims#ofRecordedRun}).
   *
   * @return the report; its targets are empty when nothing of the run was alive
   */
  public StopReport killRecorded(ProcessStatus run) {
    ProcessTree tree = table.get();
    Set<Integer> found = victims.ofRecordedRun(tree, run);
    StopReport report = new StopReport();
    if (found.isEmpty()) {
      return report;
    }
    if (victims.groupIsRecorded(tree, run)) {
      send(-run.getCoordinatorPid(), LibC.SIGKILL, report);
    }
    sendEach(found, LibC.SIGKILL, report);
    return report;
  }

  /** Waits until none of {@code pids} is alive, for at most {@code wait}; false if some still are. */
  public boolean awaitGone(Set<Integer> pids, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      ProcessTree tree = table.get();
      if (pids.stream().noneMatch(pid -> pid > 0 && tree.alive(pid))) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Reaps zombie children that the JDK does not track (orphans re-parented to us). */
  private void reapOrphans(Collection<Integer> jdkChildren) {
    ProcessTree tree = table.get();
    for (int child : tree.children(self)) {
      ProcessTree.Entry e = tree.get(child);
      if (e != null && e.state() == 'Z' && !jdkChildren.contains(child)) {
        Signals.reap(child);
      }
    }
  }

  private void sendEach(Collection<Integer> pids, int signal, StopReport report) {
    for (int pid : pids) {
      send(pid, signal, report);
    }
  }

  /** Sends one signal; true unless the target is gone. A refusal is collected, never thrown. */
  private boolean send(int pid, int signal, StopReport report) {
    report.aimedAt(pid);
    try {
      return sender.send(pid, signal);
    } catch (SignalException e) {
      report.failed(e);
      onFailure.accept(e);
      return true;
    }
  }
}
