package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.gen.TaskState;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.UnsafePathException;
import dev.thermos.runner.CheckpointDeletedException;
import dev.thermos.runner.InvalidSandboxException;
import dev.thermos.runner.ResumeMismatchException;
import dev.thermos.runner.RunRequest;
import dev.thermos.runner.RunnerSettings;
import dev.thermos.runner.RunnerSetupException;
import dev.thermos.runner.TaskRunner;
import dev.thermos.runner.TerminalTaskException;
import dev.thermos.supervision.OrphanReaper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What {@code run} and {@code simplerun} share: evaluate the {@link RunRequest} (before anything is
 * written under the root), open the runner, show progress, map the end to an exit code.
 */
final class TaskExecution {
  /** What to do once the runner holds the task's lock, before it prints or runs anything. */
  interface AfterLock {
    void run(RunnerSettings settings) throws IOException;
  }

  private final String command;
  private final PrintWriter out;
  private final PrintWriter err;
  private final AfterLock afterLock;

  TaskExecution(String command, PrintWriter out, PrintWriter err) {
    this(command, out, err, settings -> { });
  }

  TaskExecution(String command, PrintWriter out, PrintWriter err, AfterLock afterLock) {
    this.command = command;
    this.out = out;
    this.err = err;
    this.afterLock = afterLock;
  }

  int execute(TaskConfig raw, RunRequest request) throws IOException {
    RunRequest.Evaluated evaluated;
    try {
      evaluated = request.evaluate(raw);
    } catch (InvalidTaskException e) {
      return fail(RunExitCode.INVALID_TASK, e.getMessage());
    } catch (InvalidScheduleException e) {
      return fail(RunExitCode.INVALID_TASK, "Task has invalid plan: " + e.getMessage());
    } catch (InvalidSandboxException e) {
      return fail(RunExitCode.USAGE, e.getMessage());
    }
    return run(evaluated.task(), evaluated.settings());
  }

  private int run(TaskConfig task, RunnerSettings settings) throws IOException {
    RunSignals.ignoreHangup();
    try (RunProgress progress = RunProgress.open(out, settings.taskId(), task);
        TaskRunner runner = TaskRunner.open(task, settings, progress)) {
      afterLock.run(settings);
      if (Main.ownProcess()) {
        // Orphans re-parented to the runner (to PID 1 in a container) are reaped as they die.
        OrphanReaper.start();
      }
      // Where to look: thermos status/tail/kill take the id, logs are under the sandbox.
      out.println("task " + settings.taskId() + " (root " + settings.root() + ", sandbox "
          + settings.sandbox() + ")");
      out.println(LogsHint.line(settings.root(), settings.taskId(), task));
      RunSignals.install(runner, progress);
      TaskState end = runner.run();
      out.println(progress.finish(end));
      out.flush();
      return RunExitCode.of(end);
    } catch (RunnerSetupException e) {
      return fail(RunExitCode.SETUP, e.getMessage());
    } catch (CheckpointDeletedException e) {
      return fail(RunExitCode.CHECKPOINT_DELETED, e.getMessage()
          + "; the task's processes were stopped");
    } catch (UnsafePathException e) {
      // A link or a FIFO where the sandbox or the checkpoint belongs: refused, nothing started.
      return fail(RunExitCode.SETUP, e.getMessage());
    } catch (CheckpointLockedException e) {
      return fail(RunExitCode.LOCKED, e.getMessage() + " (another runner; --force takes over)");
    } catch (ResumeMismatchException e) {
      return fail(e.differentTask() ? RunExitCode.INVALID_TASK : RunExitCode.USAGE,
          e.getMessage());
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
}
