package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.runner.InvalidSandboxException;
import dev.thermos.runner.RunRequest;
import dev.thermos.runner.TaskUpdate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos update}: apply a changed task to a live task in place. */
@Command(
    name = "update",
    description = {"Apply a changed task in place: nothing is launched meanwhile; the runs of "
        + "removed and changed processes are stopped with their stop signals (ended KILLED, no "
        + "failure counted); then the new task is stored (a later resume uses it), changed "
        + "processes start again at once and added ones as their plan says; unchanged ones are "
        + "not touched.",
        "The new task is checked as `thermos run` checks one (with the task's sandbox and ports "
            + "and the -E given here); an invalid one is refused and nothing changes. Without a "
            + "live runner it is recorded and applied when the task is resumed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied by the live runner, or recorded for a resume", "1:the live "
        + "runner did not apply it within 10 s (it is recorded: it will be)", "2:usage",
        "3:no such task", "6:the task has ended", "65:the new task is invalid or cannot be read"})
public final class UpdateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "-E", paramLabel = "NAME=VALUE",
      description = "Bind {{NAME}} in the new task (as thermos run -E).")
  String[] bindings = {};

  @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Parameters(index = "1", paramLabel = "TASK.json", description = "The changed task.")
  Path file;

  @Override
  public Integer call() throws IOException, InterruptedException {
    TaskConfig raw;
    try {
      raw = TaskConfigLoader.load(file);
    } catch (InvalidTaskException e) {
      return invalid(spec, file.toString(), e.getMessage());
    }
    return apply(spec, root.root(), taskId, raw, RunCommand.parseBindings(bindings),
        "Updated " + taskId, file.toString());
  }

  /**
   * Checks {@code raw} as {@code run} would run it in place of the task {@code taskId}, records
   * the update (the evaluated task, and {@code raw} as its template), waits for a live runner to
   * apply it, and prints {@code line} with what changes. {@code source} names the new task in
   * messages.
   */
  static int apply(CommandSpec spec, Path root, String taskId, TaskConfig raw,
      Map<String, String> bindings, String line, String source)
      throws IOException, InterruptedException {
    ControlTarget target = new ControlTarget(spec, root, taskId);
    int code = target.checkActive();
    if (code != ExitCode.OK) {
      return code;
    }
    StoredTask stored = StoredTask.of(root, taskId);
    TaskConfig next;
    TaskUpdate diff;
    try {
      TaskConfig current = TaskConfigLoader.load(stored.taskFile());
      next = new RunRequest(root, stored.sandbox().orElse(null), taskId, stored.ports(),
          bindings, false).evaluate(raw).task();
      if (!Objects.equals(current.user(), next.user())) {
        return invalid(spec, source, "the task's user cannot change (" + current.user() + " to "
            + next.user() + ")");
      }
      diff = TaskUpdate.of(current, TaskConfigJson.toJson(next));
    } catch (InvalidTaskException | InvalidScheduleException | InvalidSandboxException e) {
      return invalid(spec, source, e.getMessage());
    }
    long end = target.recordUpdate(TaskConfigJson.toJson(next), TaskConfigJson.toJson(raw));
    String said = line + ": " + diff.describe();
    if (target.runner().isEmpty()) {
      return target.done(said + " (no live runner: it takes effect when the task is resumed).");
    }
    return target.acknowledged(end, said + ".");
  }

  private static int invalid(CommandSpec spec, String source, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + source + ": " + message + " (nothing changed)");
    err.flush();
    return ExitCode.INVALID;
  }
}
