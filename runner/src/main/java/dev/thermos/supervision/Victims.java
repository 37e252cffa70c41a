package dev.thermos.supervision;

import dev.thermos.gen.ProcessStatus;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which processes of one {@link ProcessTree} snapshot belong to a task, for the {@link Stopper}.
 *
 * <p>Under the runner (a child subreaper, so orphans of the task come back to it, or to a
 * coordinator or spawner below it) a process is the task's when it carries the task's
 * {@link TaskMarker}, or when it is in a session other than the runner's own: the runner starts
 * nothing in another session itself, every coordinator calls {@code setsid()} before it starts the
 * command, and a process can only leave a session for a new one of its own. That is what finds an
 * orphan that cleared its environment ({@code env -i}) while the runner lives. Anywhere else on the
 * host, only the marker counts: {@code HOME=<sandbox>} never does (another task, or anyone, may use
 * the same directory).
 */
final class Victims {
  private final int self;
  private final TaskMarker marker;
  private final Supplier<Set<Integer>> coordinators;

  /**
   * @param coordinators the pids that are live coordinators of the task now (see
   *     {@link CoordinatorLocks}), asked only when a live coordinator does not descend from the
   *     runner, at most once per call
   */
  Victims(int self, TaskMarker marker, Supplier<Set<Integer>> coordinators) {
    this.self = self;
    this.marker = marker;
    this.coordinators = coordinators;
  }

  /** The task's live processes below the runner (its own ancestry excluded). */
  Set<Integer> underRunner(ProcessTree tree) {
    ProcessTree.Entry me = tree.get(self);
    Set<Integer> out = new LinkedHashSet<>();
    for (int pid : tree.descendants(self)) {
      ProcessTree.Entry e = tree.get(pid);
      if (e != null && e.alive() && ((me != null && e.session() != me.session())
          || tree.hasEnvironmentEntry(pid, marker.entry()))) {
        out.add(pid);
      }
    }
    return out;
  }

  /**
   * The live processes of runs, as far as this runner can vouch for them: each coordinator's
   * group and session, and, when the coordinator descends from this runner or holds its
   * checkpoint's lock (a pid read from a checkpoint may have been reused), the coordinator and all
   * its descendants (a coordinator is a child subreaper: orphans of its run stay below it).
   */
  Set<Integer> ofRuns(ProcessTree tree, Collection<Integer> coordinatorPids) {
    Set<Integer> out = new LinkedHashSet<>();
    Set<Integer> vouched = vouchedGroups(tree, coordinatorPids);
    for (int pid : coordinatorPids) {
      if (!vouched.contains(pid)) {
        continue;
      }
      out.addAll(tree.inGroupOrSession(pid));
      if (tree.alive(pid)) {
        out.add(pid);  // it may not lead its group yet (killed right after the fork)
        out.addAll(tree.descendants(pid));
      }
    }
    out.removeIf(pid -> !tree.alive(pid));
    out.removeAll(tree.ancestry(self));
    return out;
  }

  /**
   * The coordinator pids whose process group and session are the run's: a pid that is not alive
   * (a group or session still having members keeps its number from being reused, so its members
   * are the run's), or a live coordinator that descends from this runner or holds its checkpoint's
   * lock. A live process with a recorded pid that is neither may have reused the number.
   */
  Set<Integer> vouchedGroups(ProcessTree tree, Collection<Integer> coordinatorPids) {
    Set<Integer> out = new LinkedHashSet<>();
    Set<Integer> locked = null;  // read only for a live coordinator this runner did not start
    for (int pid : coordinatorPids) {
      if (!tree.alive(pid) || tree.ancestry(pid).contains(self)) {
        out.add(pid);
        continue;
      }
      if (locked == null) {
        locked = coordinators.get();
      }
      if (locked.contains(pid)) {
        out.add(pid);
      }
    }
    return out;
  }

  /**
   * Everything of the task that can be found: below the runner, in the runs of
   * {@code coordinatorPids}, and anywhere with the task's marker; never the runner or its
   * ancestors.
   */
  Set<Integer> everything(ProcessTree tree, Collection<Integer> coordinatorPids) {
    Set<Integer> out = underRunner(tree);
    out.addAll(ofRuns(tree, coordinatorPids));
    out.addAll(marked(tree));
    return out;
  }

  /** The live processes with the task's marker anywhere on the host, never the runner's ancestry. */
  Set<Integer> marked(ProcessTree tree) {
    Set<Integer> out = tree.withEnvironmentEntry(marker.entry());
    out.removeAll(tree.ancestry(self));
    return out;
  }

  /**
   * The live processes of a run recorded in a checkpoint, for a process that did not start it
   * (Aurora's {@code TaskRunnerHelper.kill_process}): the coordinator when it started at the
   * recorded {@code fork_time}, the user process (and its descendants) when it started at the
   * recorded {@code start_time}, and the coordinator's group, session and descendants when the
   * coordinator or the user process in that group passed the check, so that a reused pid never
   * takes an unrelated process group with it.
   */
  Set<Integer> ofRecordedRun(ProcessTree tree, ProcessStatus run) {
    Set<Integer> out = new LinkedHashSet<>();
    if (coordinatorIsRecorded(tree, run)) {
      out.add(run.getCoordinatorPid());
    }
    if (userIsRecorded(tree, run)) {
      out.add(run.getPid());
      out.addAll(tree.descendants(run.getPid()));
    }
    if (groupIsRecorded(tree, run)) {
      int group = run.getCoordinatorPid();
      out.addAll(tree.inGroupOrSession(group));
      if (tree.alive(group)) {
        out.addAll(tree.descendants(group));
      }
    }
    out.removeIf(pid -> !tree.alive(pid));
    out.removeAll(tree.ancestry(self));
    return out;
  }

  /** The coordinator's group is the run's when its leader is, or when the user process is in it. */
  boolean groupIsRecorded(ProcessTree tree, ProcessStatus run) {
    if (!run.isSetCoordinatorPid() || run.getCoordinatorPid() <= 1) {
      return false;
    }
    if (coordinatorIsRecorded(tree, run)) {
      return true;
    }
    ProcessTree.Entry u = userIsRecorded(tree, run) ? tree.get(run.getPid()) : null;
    int group = run.getCoordinatorPid();
    return u != null && (u.pgrp() == group || u.session() == group);
  }

  private static boolean coordinatorIsRecorded(ProcessTree tree, ProcessStatus run) {
    return run.isSetCoordinatorPid() && run.isSetForkTime() && tree.alive(run.getCoordinatorPid())
        && ProcessIdentity.isRecordedProcess(run.getCoordinatorPid(), run.getForkTime());
  }

  private static boolean userIsRecorded(ProcessTree tree, ProcessStatus run) {
    return run.isSetPid() && run.isSetStartTime() && tree.alive(run.getPid())
        && ProcessIdentity.isRecordedProcess(run.getPid(), run.getStartTime());
  }
}
