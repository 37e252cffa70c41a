package dev.thermos.supervision;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.posix.LibC;
import dev.thermos.posix.ProcessIdentity;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * SIGKILLs what is left of one run recorded in a checkpoint, for a process that did not start it
 * (Aurora's {@code TaskRunnerHelper.kill_process}): the coordinator, its process group and session,
 * the user process and its descendants. A pid from the checkpoint is signalled only when the process
 * now using it started when the checkpoint says (within {@link #START_DRIFT_SECS}, Aurora's
 * {@code MAX_START_TIME_DRIFT}): the coordinator against {@code fork_time}, the user process against
 * {@code start_time}. The group is signalled only when its leader (the coordinator) or the user
 * process passed that check, so a reused pid never takes an unrelated process group with it.
 */
public final class RunKiller {
  static final double START_DRIFT_SECS = 10.0;
  private static final Duration POLL = Duration.ofMillis(10);

  private final Duration deathWait;

  public RunKiller(Duration deathWait) {
    this.deathWait = deathWait;
  }

  /**
   * Kills the run's processes and waits (up to the death wait) until none of them is alive.
   *
   * @return whether anything of the run was alive
   */
  public boolean kill(ProcessStatus run) {
    ProcessTree tree = ProcessTree.snapshot();
    Set<Integer> victims = victims(run, tree);
    if (victims.isEmpty()) {
      return false;
    }
    int self = LibC.getpid();
    victims.remove(self);
    if (groupVerified(run, tree)) {
      Signals.send(-run.getCoordinatorPid(), LibC.SIGKILL);
    }
    for (int pid : victims) {
      Signals.send(pid, LibC.SIGKILL);
    }
    awaitDeath(victims);
    return true;
  }

  /** The live processes of the run whose identity checks out. */
  private static Set<Integer> victims(ProcessStatus run, ProcessTree tree) {
    Set<Integer> out = new LinkedHashSet<>();
    if (coordinatorVerified(run, tree)) {
      out.add(run.getCoordinatorPid());
    }
    if (userVerified(run, tree)) {
      out.add(run.getPid());
      out.addAll(tree.descendants(run.getPid()));
    }
    if (groupVerified(run, tree)) {
      out.addAll(tree.inGroupOrSession(run.getCoordinatorPid()));
      if (tree.alive(run.getCoordinatorPid())) {
        out.addAll(tree.descendants(run.getCoordinatorPid()));
      }
    }
    out.removeIf(pid -> !tree.alive(pid));
    return out;
  }

  private static boolean coordinatorVerified(ProcessStatus run, ProcessTree tree) {
    return run.isSetCoordinatorPid() && run.isSetForkTime()
        && tree.alive(run.getCoordinatorPid())
        && ProcessIdentity.isSameProcess(
            run.getCoordinatorPid(), run.getForkTime(), START_DRIFT_SECS);
  }

  private static boolean userVerified(ProcessStatus run, ProcessTree tree) {
    return run.isSetPid() && run.isSetStartTime() && tree.alive(run.getPid())
        && ProcessIdentity.isSameProcess(run.getPid(), run.getStartTime(), START_DRIFT_SECS);
  }

  /** The coordinator's group is ours when its leader is, or when our user process is in it. */
  private static boolean groupVerified(ProcessStatus run, ProcessTree tree) {
    if (!run.isSetCoordinatorPid() || run.getCoordinatorPid() <= 1) {
      return false;
    }
    if (coordinatorVerified(run, tree)) {
      return true;
    }
    if (!userVerified(run, tree)) {
      return false;
    }
    ProcessTree.Entry user = tree.get(run.getPid());
    int group = run.getCoordinatorPid();
    return user != null && (user.pgrp() == group || user.session() == group);
  }

  private void awaitDeath(Set<Integer> pids) {
    long deadline = System.nanoTime() + deathWait.toNanos();
    while (System.nanoTime() < deadline) {
      ProcessTree tree = ProcessTree.snapshot();
      if (pids.stream().noneMatch(tree::alive)) {
        return;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
