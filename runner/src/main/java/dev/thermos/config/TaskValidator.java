package dev.thermos.config;

import dev.thermos.planner.DependsOn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Aurora's {@code ThermosTaskValidator} checks that belong to the configuration, in Aurora's
 * order: process names, then (stricter than Aurora) duplicate process names, then numbers that
 * make no sense. The plan checks (cycles, unknown names in constraints, daemon and ephemeral
 * dependencies) belong to the planner; unbound references are found by {@link Interpolator}.
 */
public final class TaskValidator {
  /** Aurora's process name pattern: not empty, not starting with '.' or '/', no '/'. */
  public static final Pattern PROCESS_NAME = Pattern.compile("^[^./][^/]*$");

  private TaskValidator() {}

  /** Throws for the first problem found; the message is Aurora's where Aurora has one. */
  public static void validate(TaskConfig task) throws InvalidTaskException {
    checkNames(task);
    Set<String> seen = new HashSet<>();
    for (ProcessConfig p : task.processes()) {
      if (!seen.add(p.name())) {
        throw new InvalidTaskException("Task has duplicate process name: " + p.name());
      }
    }
    checkTask(task);
    for (ProcessConfig p : task.processes()) {
      checkProcess(p);
    }
    checkHealthyDependencies(task);
  }

  /** {@code depends_on} "healthy" names a process with a {@code health_check}. */
  private static void checkHealthyDependencies(TaskConfig task) throws InvalidTaskException {
    Map<String, ProcessConfig> byName = new HashMap<>();
    task.processes().forEach(p -> byName.put(p.name(), p));
    for (ProcessConfig p : task.processes()) {
      for (Map.Entry<String, DependsOn> e : p.options().dependsOn().entrySet()) {
        ProcessConfig on = byName.get(e.getKey());
        if (e.getValue() == DependsOn.HEALTHY && on != null
            && on.options().lifecycle().healthCheck() == null) {
          throw new InvalidTaskException("Task has invalid process: " + p.name()
              + ": invalid depends_on." + e.getKey() + ": \"healthy\" needs a health_check on "
              + Names.quote(e.getKey()) + ", which has none");
        }
      }
    }
  }

  /**
   * Checks the task's name and its process names: Aurora's pattern, then the rules of
   * {@link Names} (they become path components), and the fields beyond Aurora's (env names,
   * working directories). Called again on the interpolated task, whose
   * names templates may have changed.
   */
  public static void checkNames(TaskConfig task) throws InvalidTaskException {
    Names.check("task name", task.name());
    ProcessOptionsRules.checkEnv("Task has invalid ", task.env());
    for (ProcessConfig p : task.processes()) {
      if (!PROCESS_NAME.matcher(p.name()).matches()) {
        throw new InvalidTaskException(
            "Task has invalid process: Invalid process name: " + Names.display(p.name()));
      }
      String problem = Names.problem(p.name(), Names.PROCESS_NAME_MAX_BYTES);
      if (problem != null) {
        throw new InvalidTaskException("Task has invalid process: Invalid process name: "
            + Names.quote(p.name()) + ": " + problem);
      }
      ProcessOptionsRules.checkProcess(
          "Task has invalid process: " + p.name() + ": invalid ", p.options());
    }
  }

  /**
   * The checks of an interpolated task: {@link #checkNames}, and the command line of every process
   * with {@code "shell": false} without shell syntax now that references are replaced by their
   * values (a value may bring some).
   */
  public static void checkInterpolated(TaskConfig task) throws InvalidTaskException {
    checkNames(task);
    for (ProcessConfig p : task.processes()) {
      checkNoNul("Task has invalid process: " + p.name() + ": invalid ", p.cmdline());
      HealthCheck check = p.options().lifecycle().healthCheck();
      if (check != null) {
        ProcessOptionsRules.checkHealthTarget("Task has invalid process: " + p.name()
            + ": invalid ", check);
      }
      if (!p.shell()) {
        try {
          PlainCommand.words(p.cmdline());
        } catch (IllegalArgumentException e) {
          throw new InvalidTaskException("Task has invalid process: " + p.name()
              + ": invalid cmdline for \"shell\": false once interpolated: " + e.getMessage());
        }
      }
    }
  }

  /**
   * A command line is passed to the coordinator as a C string: a NUL would cut it (the launch
   * refused it, and stopped the runner, only when the process was about to run).
   */
  private static void checkNoNul(String what, String cmdline) throws InvalidTaskException {
    if (cmdline.indexOf('\0') >= 0) {
      throw new InvalidTaskException(what + "cmdline: contains a NUL character");
    }
  }

  private static void checkTask(TaskConfig task) throws InvalidTaskException {
    String what = "Task has invalid ";
    atLeast(what, "max_failures", task.maxFailures(), 0);
    atLeast(what, "max_concurrency", task.maxConcurrency(), 0);
    atLeast(what, "finalization_wait", task.finalizationWaitSecs(), 0);
    checkResources(what, task.resources());
    ProcessOptionsRules.checkEnv(what, task.env());
    ProcessOptionsRules.checkBackoff(what, task.restartBackoff());
  }

  private static void checkProcess(ProcessConfig p) throws InvalidTaskException {
    String what = "Task has invalid process: " + p.name() + ": invalid ";
    checkNoNul(what, p.cmdline());
    if (!p.shell()) {
      try {
        PlainCommand.checkUninterpolated(p.cmdline());
      } catch (IllegalArgumentException e) {
        throw new InvalidTaskException(what + "cmdline for \"shell\": false: " + e.getMessage());
      }
    }
    atLeast(what, "max_failures", p.maxFailures(), 0);
    atLeast(what, "min_duration", p.minDurationSecs(), 0);
    checkResources(what, p.resources());
    LoggerConfig logger = p.logger();
    if (logger != null && logger.mode() == LoggerConfig.Mode.ROTATE && logger.rotate() != null) {
      atLeast(what, "logger.rotate.log_size", logger.rotate().logSizeBytes(), 1);
      atLeast(what, "logger.rotate.backups", logger.rotate().backups(), 1);
    }
    ProcessOptionsRules.checkProcess(what, p.options());
    HealthCheck check = p.options().lifecycle().healthCheck();
    if (check != null && !check.target().contains("{{")) {
      ProcessOptionsRules.checkHealthTarget(what, check);  // else once interpolated
    }
  }

  private static void checkResources(String what, Resources r) throws InvalidTaskException {
    if (r == null) {
      return;
    }
    if (!(r.cpu() >= 0) || Double.isInfinite(r.cpu())) {
      throw new InvalidTaskException(
          what + "resources.cpu: " + r.cpu() + " (must be a finite number >= 0)");
    }
    atLeast(what, "resources.ram", r.ramBytes(), 0);
    atLeast(what, "resources.disk", r.diskBytes(), 0);
    atLeast(what, "resources.gpu", r.gpu(), 0);
  }

  private static void atLeast(String what, String field, long value, long min)
      throws InvalidTaskException {
    if (value < min) {
      throw new InvalidTaskException(what + field + ": " + value + " (must be >= " + min + ")");
    }
  }
}
