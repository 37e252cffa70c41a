package dev.thermos.config;

import dev.thermos.planner.RestartBackoff;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Aurora's {@code Task}: processes, their ordering constraints and task-wide limits. String fields
 * may still hold {@code {{...}}} references until the task is interpolated ({@link Interpolator});
 * a task loaded without a name has the name {@link #DEFAULT_NAME}, Aurora's template for "the
 * first process's name". {@code resources} and {@code user} are {@code null} when not given.
 *
 * @param orderConstraints each inner list names processes that must run in that order
 * @param maxFailures permanently failed processes that make the task fail; 0 = never
 * @param maxConcurrency processes of the current plan allowed to run at once; 0 = unlimited
 * @param finalizationWaitSecs seconds from CLEANING to a terminal state
 * @param env variables added to every process's environment (beyond Aurora; a process's own
 *     {@code env} wins); empty when not given
 * @param restartBackoff the {@code restart_backoff} of processes that have none, or null
 */
public record TaskConfig(
    String name,
    List<ProcessConfig> processes,
    List<List<String>> orderConstraints,
    int maxFailures,
    int maxConcurrency,
    int finalizationWaitSecs,
    Resources resources,
    String user,
    Map<String, String> env,
    RestartBackoff restartBackoff) {
  /** Aurora's default task name: a template naming the first process. */
  public static final String DEFAULT_NAME = "{{processes[0].name}}";

  public static final int DEFAULT_MAX_FAILURES = 1;
  public static final int DEFAULT_MAX_CONCURRENCY = 0;
  public static final int DEFAULT_FINALIZATION_WAIT_SECS = 30;

  public TaskConfig {
    Objects.requireNonNull(name, "name");
    processes = List.copyOf(processes);
    orderConstraints = orderConstraints.stream().map(List::copyOf).toList();
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** A task with every optional field at Aurora's default. */
  public static TaskConfig of(String name, List<ProcessConfig> processes) {
    return new TaskConfig(name, processes, List.of(), DEFAULT_MAX_FAILURES,
        DEFAULT_MAX_CONCURRENCY, DEFAULT_FINALIZATION_WAIT_SECS, null, null, Map.of(), null);
  }

  /** This task with other processes. */
  public TaskConfig withProcesses(List<ProcessConfig> newProcesses) {
    return new TaskConfig(name, newProcesses, orderConstraints, maxFailures, maxConcurrency,
        finalizationWaitSecs, resources, user, env, restartBackoff);
  }

  /** This task with other order constraints. */
  public TaskConfig withOrderConstraints(List<List<String>> newConstraints) {
    return new TaskConfig(name, processes, newConstraints, maxFailures, maxConcurrency,
        finalizationWaitSecs, resources, user, env, restartBackoff);
  }

  /** This task with another {@code env}. */
  public TaskConfig withEnv(Map<String, String> newEnv) {
    return new TaskConfig(name, processes, orderConstraints, maxFailures, maxConcurrency,
        finalizationWaitSecs, resources, user, newEnv, restartBackoff);
  }
}
