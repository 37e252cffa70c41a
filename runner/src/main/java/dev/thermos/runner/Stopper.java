package dev.thermos.runner;

import dev.thermos.posix.LibC;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The kill ladder. A run lives in its own session led by its coordinator, so the coordinator's pid
 * is the process group id. Stopping a run is SIGTERM to the group (the coordinator ignores it and
 * records how the user process ended), a grace period chosen by the caller, then SIGKILL to the
 * group, the session, and every descendant of the coordinator, including those that left the group.
 * The runner is a child subreaper, so double-forked orphans come back to it; they are signalled with
 * the task's runs and swept when the task ends. Orphans are recognized by the environment every
 * process of the task inherits ({@code HOME=<sandbox>}), so that other children of the JVM (in
 * tests, or when the runner is embedded) are left alone. Where the task has a cgroup
 * ({@link TaskCgroup}), the end of the task also kills it whole, which catches what left even the
 * runner's ancestry and cleared its environment.
 */
final class Stopper {
  private final int self = LibC.getpid();
  private final String home;
  private final Optional<TaskCgroup> cgroup;

  /**
   * @param sandbox the task's sandbox: every process of the task inherits {@code HOME=<sandbox>},
   *     which tells the task's orphans apart from other children of this JVM
   * @param cgroup the task's cgroup, killed whole at the end of the task, where there is one
   */
  Stopper(Path sandbox, Optional<TaskCgroup> cgroup) {
    this.home = "HOME=" + sandbox;
    this.cgroup = cgroup;
  }

  /** A stopper without a cgroup. */
  Stopper(Path sandbox) {
    this(sandbox, Optional.empty());
  }

  /** SIGTERM to the run's process group. */
  void terminate(int coordinatorPid) {
    Signals.send(-coordinatorPid, LibC.SIGTERM);
  }

  /**
   * SIGKILL to the run's group, its session and the coordinator's descendants (only when the
   * coordinator descends from this runner: a pid read from a checkpoint may have been reused).
   */
  void kill(int coordinatorPid) {
    kill(coordinatorPid, ProcessTree.snapshot());
  }

  /** {@link #kill(int)} for many runs, from one snapshot of {@code /proc}. */
  void killAll(Collection<Integer> coordinatorPids) {
    ProcessTree tree = ProcessTree.snapshot();
    for (int pid : coordinatorPids) {
      kill(pid, tree);
    }
  }

  private void kill(int coordinatorPid, ProcessTree tree) {
    Set<Integer> victims = new LinkedHashSet<>(tree.inGroupOrSession(coordinatorPid));
    if (tree.alive(coordinatorPid) && tree.descendants(self).contains(coordinatorPid)) {
      victims.add(coordinatorPid);  // it may not lead its group yet (killed right after the fork)
      victims.addAll(tree.descendants(coordinatorPid));
    }
    Signals.send(-coordinatorPid, LibC.SIGKILL);
    for (int pid : victims) {
      Signals.send(pid, LibC.SIGKILL);
    }
  }

  /**
   * After a run ended: SIGKILL whatever is left in its group (strays its process left behind), and
   * their trees. Cheap when nothing is left: the /proc snapshot is taken only if the group is
   * not empty.
   */
  void killLeftovers(int coordinatorPid) {
    if (Signals.send(-coordinatorPid, LibC.SIGKILL)) {
      kill(coordinatorPid);
    }
  }

  /**
   * Signals the task's orphans and their trees: the children of the runner, and of the spawner (a
   * child subreaper, where orphans of runs land while it lives), that are not live coordinators.
   */
  void signalOrphans(Collection<Integer> liveCoordinators, int signal) {
    ProcessTree tree = ProcessTree.snapshot();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (int child : tree.children(self)) {
      candidates.add(child);
      if (!liveCoordinators.contains(child) && !ofThisTask(child)) {
        candidates.addAll(tree.children(child));  // the spawner's
      }
    }
    for (int child : candidates) {
      if (liveCoordinators.contains(child) || !tree.alive(child) || !ofThisTask(child)) {
        continue;
      }
      Set<Integer> victims = tree.descendants(child);
      Signals.send(child, signal);
      for (int pid : victims) {
        Signals.send(pid, signal);
      }
    }
    reapOrphans(liveCoordinators);
  }

  /**
   * At the end of a task: SIGKILL whatever is left of it — every descendant of the runner that
   * carries the task's environment (orphans re-parented to us, whatever session they moved to),
   * every process still in a session or group of one of the task's coordinators, and every process
   * started since {@code sinceSecs} (the task's launch) with the task's environment anywhere
   * (orphans of an earlier, crashed runner, re-parented to init) — then reap.
   */
  void killEverything(Collection<Integer> coordinatorPids, double sinceSecs) {
    ProcessTree tree = ProcessTree.snapshot();
    Set<Integer> ours = tree.descendants(self);
    Set<Integer> victims = new LinkedHashSet<>();
    for (int pid : ours) {
      if (ofThisTask(pid)) {
        victims.add(pid);
      }
    }
    for (int coordinator : coordinatorPids) {
      victims.addAll(tree.inGroupOrSession(coordinator));
      if (ours.contains(coordinator)) {
        // Forked by the spawner without an exec, a coordinator's /proc environ is the spawner's:
        // the HOME marker cannot find it, its ancestry can.
        victims.add(coordinator);
        victims.addAll(tree.descendants(coordinator));
      }
    }
    victims.addAll(tree.startedSinceWith(home, sinceSecs));
    victims.removeAll(tree.ancestry(self));
    for (int pid : victims) {
      Signals.send(pid, LibC.SIGKILL);
    }
    cgroup.ifPresent(TaskCgroup::killAndRemove);
    reapOrphans(Set.of());
  }

  /** SIGKILL to the processes started since {@code sinceSecs} with the task's environment. */
  void killMarked(double sinceSecs) {
    ProcessTree tree = ProcessTree.snapshot();
    Set<Integer> victims = tree.startedSinceWith(home, sinceSecs);
    victims.removeAll(tree.ancestry(self));
    for (int pid : victims) {
      Signals.send(pid, LibC.SIGKILL);
    }
    cgroup.ifPresent(TaskCgroup::killAndRemove);
  }

  /** True when the process's environment has this task's HOME (it descends from a run). */
  private boolean ofThisTask(int pid) {
    return ProcessTree.hasEnvironmentEntry(pid, home);
  }

  /** Reaps zombie children that the JDK does not track (orphans re-parented to us). */
  void reapOrphans(Collection<Integer> jdkChildren) {
    ProcessTree tree = ProcessTree.snapshot();
    for (int child : tree.children(self)) {
      ProcessTree.Entry e = tree.get(child);
      if (e != null && e.state() == 'Z' && !jdkChildren.contains(child)) {
        Signals.reap(child);
      }
    }
  }
}
