package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.planner.PlanState;
import dev.thermos.planner.ProcessAttributes;
import dev.thermos.planner.TaskPlanner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long each process of an active task waits before its next run ({@code min_duration}, or
 * its {@code restart_backoff} after a failure), read from the checkpoint's runs as the runner's
 * planner replays them: for {@code thermos status}.
 */
public final class RestartWaits {
  private RestartWaits() {}

  /**
   * Seconds until the next run of each process that will run again and is waiting for its clock
   * gate at {@code nowSecs}; processes with no such wait are absent.
   */
  public static Map<String, Double> of(TaskConfig task, Map<String, List<ProcessStatus>> runs,
      double nowSecs) {
    Map<String, Double> out = new TreeMap<>();
    for (ProcessAttributes a : Plans.attributes(task)) {
      List<ProcessStatus> history = runs.get(a.name());
      if (history == null || history.isEmpty() || !ended(history.get(history.size() - 1))) {
        continue;
      }
      TaskPlanner plan;
      try {
        // The process alone: its depends_on names processes this one-process plan lacks.
        plan = TaskPlanner.of(List.of(new ProcessAttributes(a.name(), a.minDurationSecs(),
            a.daemon(), a.ephemeral(), a.maxFailures(), false, a.backoff())), List.of(), false);
      } catch (InvalidScheduleException e) {
        continue; // one process without orders: cannot happen
      }
      for (ProcessStatus run : history) {
        replay(plan, a.name(), run);
      }
      double wait = plan.waitSecs(a.name(), nowSecs);
      if (plan.stateOf(a.name()) == PlanState.PENDING && wait > 0) {
        out.put(a.name(), wait);
      }
    }
    return out;
  }

  private static boolean ended(ProcessStatus run) {
    return run.getState() != ProcessState.WAITING && run.getState() != ProcessState.FORKED
        && run.getState() != ProcessState.RUNNING;
  }

  private static void replay(TaskPlanner plan, String name, ProcessStatus run) {
    if (!ended(run) || plan.stateOf(name).isTerminal()) {
      return;
    }
    plan.setRunning(name);
    double end = run.isSetStopTime() ? run.getStopTime() : 0;
    double lived = run.isSetStartTime() && run.isSetStopTime()
        ? run.getStopTime() - run.getStartTime() : Double.NaN;
    switch (run.getState()) {
      case SUCCESS -> plan.addSuccess(name, end);
      case FAILED -> plan.addFailure(name, end, lived);
      default -> plan.lost(name, end, lived);
    }
  }
}
