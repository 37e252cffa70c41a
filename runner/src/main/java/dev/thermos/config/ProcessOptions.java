package dev.thermos.config;

import dev.thermos.planner.DependsOn;
import dev.thermos.planner.RestartBackoff;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a process may say beyond Aurora's fields, each optional: a task without them runs exactly
 * as Aurora's would. String values may hold {@code {{...}}} references until interpolated.
 *
 * @param env variables added to the process's environment, in the order given (they win over the
 *     task's {@code env} and over Aurora's HOME, USER, LOGNAME, PATH and BASH_ENV)
 * @param workingDir where the process starts: relative to the sandbox (created when missing, never
 *     leaving it) or absolute (must exist); null for the sandbox itself
 * @param successCodes exit codes besides 0 that count as success (systemd's SuccessExitStatus)
 * @param instances run this many copies, {@code NAME.0} to {@code NAME.<N-1>} ({@link Instances});
 *     0 when not given
 * @param restartBackoff how restarts after failures are delayed, or null (the task's
 *     {@code restart_backoff}, else Aurora's {@code min_duration} alone)
 * @param dependsOn the processes this one waits for and how, in the order given
 * @param lifecycle {@code max_runtime}, {@code stop_signals} and {@code health_check}
 * @param idleScaling the object form of {@code instances} (then {@code instances} is its
 *     {@code count}), or null
 */
public record ProcessOptions(Map<String, String> env, String workingDir,
    List<Integer> successCodes, int instances, RestartBackoff restartBackoff,
    Map<String, DependsOn> dependsOn, Lifecycle lifecycle, IdleScaling idleScaling) {
  /** No option given. */
  public static final ProcessOptions NONE =
      new ProcessOptions(Map.of(), null, List.of(), 0, null, Map.of());

  /** Options without idle-based scaling. */
  public ProcessOptions(Map<String, String> env, String workingDir, List<Integer> successCodes,
      int instances, RestartBackoff restartBackoff, Map<String, DependsOn> dependsOn,
      Lifecycle lifecycle) {
    this(env, workingDir, successCodes, instances, restartBackoff, dependsOn, lifecycle, null);
  }

  /** Options without {@code max_runtime}, {@code stop_signals} or {@code health_check}. */
  public ProcessOptions(Map<String, String> env, String workingDir, List<Integer> successCodes,
      int instances, RestartBackoff restartBackoff, Map<String, DependsOn> dependsOn) {
    this(env, workingDir, successCodes, instances, restartBackoff, dependsOn, Lifecycle.NONE);
  }

  /** Options without {@code depends_on}. */
  public ProcessOptions(Map<String, String> env, String workingDir, List<Integer> successCodes,
      int instances, RestartBackoff restartBackoff) {
    this(env, workingDir, successCodes, instances, restartBackoff, Map.of());
  }

  /** Options without {@code restart_backoff}. */
  public ProcessOptions(Map<String, String> env, String workingDir, List<Integer> successCodes,
      int instances) {
    this(env, workingDir, successCodes, instances, null);
  }

  /** Options without {@code instances}. */
  public ProcessOptions(Map<String, String> env, String workingDir, List<Integer> successCodes) {
    this(env, workingDir, successCodes, 0, null);
  }

  public ProcessOptions {
    env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env")));
    successCodes = List.copyOf(successCodes);
    dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
    lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  /** These options with other values for {@code env} and {@code workingDir}. */
  public ProcessOptions withStrings(Map<String, String> newEnv, String newWorkingDir) {
    return new ProcessOptions(newEnv, newWorkingDir, successCodes, instances, restartBackoff,
        dependsOn, lifecycle, idleScaling);
  }

  /** These options for one copy of an instanced process: without {@code instances}. */
  public ProcessOptions withoutInstances() {
    return new ProcessOptions(env, workingDir, successCodes, 0, restartBackoff, dependsOn,
        lifecycle, null);
  }

  /** These options with another {@code depends_on}. */
  public ProcessOptions withDependsOn(Map<String, DependsOn> newDependsOn) {
    return new ProcessOptions(env, workingDir, successCodes, instances, restartBackoff,
        newDependsOn, lifecycle, idleScaling);
  }

  /** These options with another {@code lifecycle} (an interpolated health check, say). */
  public ProcessOptions withLifecycle(Lifecycle newLifecycle) {
    return new ProcessOptions(env, workingDir, successCodes, instances, restartBackoff, dependsOn,
        newLifecycle, idleScaling);
  }
}
