package dev.thermos.runner;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.planner.ProcessAttributes;
import dev.thermos.planner.RestartBackoff;
import dev.thermos.planner.TaskHealth;
import dev.thermos.planner.TaskPlanner;
import dev.thermos.planner.TaskPlans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task's two plans — regular processes, then final ones — and its health: not deadlocked, and
 * fewer permanently failed regular processes than the task's {@code max_failures} (0: no limit).
 * Run outcomes reach the plans here: SUCCESS counts a success, FAILED a failure, KILLED and LOST a
 * loss (re-run, not counted as a failure).
 */
final class Plans {
  private final TaskPlanner regular;
  private final TaskPlanner finalizing;
  private final TaskConfig task;
  /** Every process of the task, to whether it is a final one (asked after every event). */
  private final Map<String, Boolean> finals = new HashMap<>();

  private Plans(TaskConfig task, TaskPlanner regular, TaskPlanner finalizing) {
    this.task = task;
    this.regular = regular;
    this.finalizing = finalizing;
    for (ProcessConfig p : task.processes()) {
      finals.put(p.name(), p.isFinal());
    }
  }

  static Plans of(TaskConfig task) throws InvalidScheduleException {
    TaskPlans plans = TaskPlans.of(attributes(task), task.orderConstraints(),
        TaskPlanner.UNLIMITED_RUNS);
    return new Plans(task, plans.regular(), plans.finalizing());
  }

  /** The planner's view of the task's processes. */
  static List<ProcessAttributes> attributes(TaskConfig task) {
    List<ProcessAttributes> attributes = new ArrayList<>();
    for (ProcessConfig p : task.processes()) {
      RestartBackoff backoff = p.options().restartBackoff() != null
          ? p.options().restartBackoff() : task.restartBackoff();
      attributes.add(new ProcessAttributes(p.name(), p.minDurationSecs(), p.daemon(),
          p.ephemeral(), p.maxFailures(), p.isFinal(), backoff, p.options().dependsOn()));
    }
    return attributes;
  }

  TaskPlanner regular() {
    return regular;
  }

  TaskPlanner finalizing() {
    return finalizing;
  }

  TaskPlanner planOf(String process) {
    return isFinal(process) ? finalizing : regular;
  }

  /** True when {@code process} is one of the task's. */
  boolean has(String process) {
    return finals.containsKey(process);
  }

  boolean isFinal(String process) {
    return Boolean.TRUE.equals(finals.get(process));
  }

  boolean healthy(double now) {
    return TaskHealth.isHealthy(regular, task.maxFailures(), now);
  }

  /** A run was started (its WAITING record is durable). */
  void started(String process) {
    TaskPlanner plan = planOf(process);
    if (!plan.running().contains(process)) {
      plan.setRunning(process);
    }
  }

  /** A run ended as {@code run} says; {@code now} stands in for a missing stop time. */
  /** A run of {@code process} reached RUNNING ({@code depends_on} "started"). */
  void markStarted(String process) {
    planOf(process).markStarted(process);
  }

  /** A run of {@code process} passed its health check ({@code depends_on} "healthy"). */
  void markHealthy(String process) {
    planOf(process).markHealthy(process);
  }

  void ended(String process, ProcessStatus run, double now) {
    TaskPlanner plan = planOf(process);
    double when = run.isSetStopTime() ? run.getStopTime() : now;
    // Only a recorded end tells how long the run lived (a LOST or a launch failure has none,
    // and "now" would differ in a runner that replays the record after a restart).
    double lived = run.isSetStartTime() && run.isSetStopTime()
        ? run.getStopTime() - run.getStartTime() : Double.NaN;
    ProcessState state = run.getState();
    if (state == ProcessState.SUCCESS) {
      plan.addSuccess(process, when);
    } else if (state == ProcessState.FAILED) {
      plan.addFailure(process, when, lived);
    } else {
      plan.lost(process, when, lived);
    }
  }
}
