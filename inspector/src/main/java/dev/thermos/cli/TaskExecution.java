package dev.thermos.cli;

import dev.thermos.config.Interpolator;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskIds;
import dev.thermos.config.TaskValidator;
import dev.thermos.config.ThermosContext;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.gen.TaskState;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.LibC;
import dev.thermos.runner.RunnerSettings;
import dev.thermos.runner.TaskRunner;
import dev.thermos.runner.TerminalTaskException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What {@code run} and {@code simplerun} share: check and evaluate the task (before anything is
 * written under the root), open the runner, show progress, map the end to an exit code.
 */
final class TaskExecution {
  private final String command;
  private final PrintWriter out;
  private final PrintWriter err;

  TaskExecution(String command, PrintWriter out, PrintWriter err) {
    this.command = command;
    this.out = out;
    this.err = err;
  }

  /** The options of a run. */
  record Options(Path root, Path sandbox, String taskId, Map<String, Integer> ports,
      Map<String, String> bindings, boolean force) {}

  int execute(TaskConfig raw, Options options) throws IOException {
    TaskConfig task;
    RunnerSettings settings;
    try {
      TaskValidator.validate(raw);
      TaskRunner.validatePlan(raw);
      Interpolator.assertAllRefsBound(raw, options.bindings());
      String name = Interpolator.interpolatePartially(raw, null, options.bindings()).name();
      String taskId = options.taskId() != null ? options.taskId() : TaskIds.synthesize(name);
      String user = System.getProperty("user.name");
      task = Interpolator.interpolate(raw,
          new ThermosContext(taskId, user, options.ports()), options.bindings());
      Path sandbox = options.sandbox() != null ? options.sandbox()
          : options.root().resolve("sandbox").resolve(taskId);
      settings = new RunnerSettings(options.root().toAbsolutePath(), sandbox.toAbsolutePath(),
          taskId, user, LibC.getuid(), hostname(), options.ports(), options.force(),
          Clock.systemUTC());
    } catch (InvalidTaskException e) {
      return fail(RunExitCode.INVALID_TASK, e.getMessage());
    } catch (InvalidScheduleException e) {
      return fail(RunExitCode.INVALID_TASK, "Task has invalid plan: " + e.getMessage());
    }
    return run(task, settings);
  }

  private int run(TaskConfig task, RunnerSettings settings) throws IOException {
    try (RunProgress progress = RunProgress.open(out, settings.taskId(), task);
        TaskRunner runner = TaskRunner.open(task, settings, progress)) {
      // Where to look: thermos status/tail/kill take the id, logs are under the sandbox.
      out.println("task " + settings.taskId() + " (root " + settings.root() + ", sandbox "
          + settings.sandbox() + ")");
      out.println(LogsHint.line(settings.root(), settings.taskId(), task));
      RunSignals.install(runner, progress);
      TaskState end = runner.run();
      out.println(progress.finish(end));
      out.flush();
      return RunExitCode.of(end);
    } catch (CheckpointLockedException e) {
      return fail(RunExitCode.LOCKED, e.getMessage() + " (another runner; --force takes over)");
    } catch (TerminalTaskException e) {
      return fail(RunExitCode.ALREADY_TERMINAL, e.getMessage());
    } catch (InvalidScheduleException e) {
      return fail(RunExitCode.INVALID_TASK, "Task has invalid plan: " + e.getMessage());
    }
  }

  private int fail(int code, String message) {
    err.println("thermos " + command + ": " + message);
    err.flush();
    return code;
  }

  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
