package dev.thermos.runner;

import dev.thermos.config.Instances;
import dev.thermos.config.Interpolator;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.Names;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskIds;
import dev.thermos.config.TaskValidator;
import dev.thermos.config.ThermosContext;
import dev.thermos.launch.RunAs;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A run as {@code thermos run} and {@code simplerun} ask for it, and how such a request turns a
 * task as loaded into the task the runner runs: the one place that does it, for the commands and
 * for the tests that run tasks the way the commands do.
 *
 * @param root checkpoint root
 * @param sandbox the sandbox, or null for {@code <root>/sandbox/<task id>}
 * @param taskId the task id, or null to make one from the task's name
 * @param ports named ports bound with {@code -P}
 * @param bindings values bound with {@code -E}
 * @param force take the task from a live runner
 */
public record RunRequest(Path root, Path sandbox, String taskId, Map<String, Integer> ports,
    Map<String, String> bindings, boolean force) {

  /** A task ready to run and the settings to run it with. */
  public record Evaluated(TaskConfig task, RunnerSettings settings) {}

  /**
   * Checks {@code raw} (fields, plan, every reference bound) and interpolates it with the
   * {@code thermos} context, as the current user on this host; writes nothing.
   *
   * @throws InvalidTaskException when the task is invalid, a reference is unbound, the task
   *     id, task name or a process name is not a valid name ({@link Names}), its user cannot be
   *     switched to ({@link TaskUser}) or an absolute working_dir is not a directory
   * @throws InvalidScheduleException when its plan cannot be built
   * @throws InvalidSandboxException when the sandbox is one the runner refuses ({@link SandboxRules})
   */
  public Evaluated evaluate(TaskConfig raw)
      throws InvalidTaskException, InvalidScheduleException, InvalidSandboxException {
    String name = check(raw, bindings);
    String id = taskId != null ? taskId : TaskIds.synthesize(name);
    Names.check("task id", id, Names.TASK_ID_MAX_BYTES);
    String current = System.getProperty("user.name");
    Path box = sandbox != null ? sandbox : root.resolve("sandbox").resolve(id);
    TaskConfig task = Interpolator.interpolate(
        Instances.expand(raw, box.toAbsolutePath().resolve(IdleScalers.STATUS_DIR)),
        new ThermosContext(id, userOf(raw, current), ports), bindings);
    TaskValidator.checkInterpolated(task);
    RunAs runAs = TaskUser.resolve(task.user(), current, LibC.geteuid());
    WorkingDirectories.check(task);
    RunnerSettings settings = new RunnerSettings(root.toAbsolutePath(), box.toAbsolutePath(), id,
        runAs != null ? runAs.name() : current, LibC.getuid(), hostname(), ports, force,
        Clock.systemUTC(), runAs, TaskConfigJson.toJson(raw));
    SandboxRules.check(settings.root(), settings.sandbox(), id);
    return new Evaluated(task, settings);
  }

  /**
   * The checks of a task before it has an id, as {@code thermos run} makes them and
   * {@code thermos inspect} repeats them: its fields, its plan (with every process's
   * {@link Instances} expanded), every reference bound (ports stand-ins), its name. Returns the
   * task's name, interpolated.
   *
   * @throws InvalidTaskException when the task is invalid or a reference is unbound
   * @throws InvalidScheduleException when its plan cannot be built
   */
  public static String check(TaskConfig raw, Map<String, String> bindings)
      throws InvalidTaskException, InvalidScheduleException {
    TaskValidator.validate(raw);
    Instances.checkSize(raw);
    TaskConfig expanded = Instances.expand(raw);
    if (expanded != raw) {
      TaskValidator.validate(expanded); // a copy's name may clash with another process's
    }
    TaskRunner.validatePlan(expanded);
    Interpolator.assertAllRefsBound(expanded, bindings);
    String name = Interpolator.interpolatePartially(expanded, null, bindings).name();
    Names.check("task name", name);
    return name;
  }

  /**
   * {@code {{thermos.user}}}: the task's {@code user} when it is plain text (the user the processes
   * run as), else the runner's user.
   */
  private static String userOf(TaskConfig raw, String current) {
    return raw.user() != null && !raw.user().contains("{{") ? raw.user() : current;
  }

  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
