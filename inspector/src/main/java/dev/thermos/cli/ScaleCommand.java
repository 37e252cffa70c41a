package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.format.TaskPaths;
import dev.thermos.runner.TaskTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos scale}: change the number of instances of a process, as an update. */
@Command(
    name = "scale",
    description = {"Change the number of instances of a process with \"instances\": new copies "
        + "start, the highest-numbered stop (with their stop signals, ended KILLED); the others "
        + "are not touched unless they use {{thermos.instances}} (then they restart).",
        "An update of the task as it was given (kept in checkpoints/<task_id>/template.json) "
            + "with the new count; see thermos update."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied by the live runner, or recorded for a resume", "1:the live "
        + "runner did not apply it within 10 s (it is recorded: it will be)",
        "2:usage (N not 1 to 1000)", "3:no such task", "6:the task has ended, or has no "
        + "template (started before scale existed: use update)", "7:no such process, or it has "
        + "no \"instances\"", "65:the scaled task is invalid"})
public final class ScaleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Parameters(index = "1", paramLabel = "PROCESS",
      description = "The process's name in the task (without .N).")
  String process;

  @Parameters(index = "2", paramLabel = "N", description = "The number of instances, 1 to 1000.")
  int count;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (count < 1 || count > dev.thermos.config.Instances.MAX) {
      throw new UsageException("N must be 1 to " + dev.thermos.config.Instances.MAX + ", got "
          + count);
    }
    ControlTarget target = new ControlTarget(spec, root.root(), taskId);
    int code = target.checkActive();
    if (code != ExitCode.OK) {
      return code;
    }
    Optional<String> template = TaskTemplate.read(
        new TaskPaths(root.root()).checkpointDirectory(taskId));
    if (template.isEmpty()) {
      return fail(ExitCode.ENDED, "task " + taskId + " has no template.json (started before "
          + "thermos scale existed): use thermos update");
    }
    TaskConfig raw;
    try {
      raw = TaskConfigLoader.parse(TaskTemplate.scaled(template.get(), process, count),
          "the scaled task");
    } catch (IllegalArgumentException e) {
      return fail(ExitCode.NO_PROCESS, "task " + taskId + ": " + e.getMessage());
    } catch (InvalidTaskException e) {
      return fail(ExitCode.INVALID, "the scaled task: " + e.getMessage() + " (nothing changed)");
    }
    return UpdateCommand.apply(spec, root.root(), taskId, raw, Map.of(),
        "Scaled " + process + " of " + taskId + " to " + count, "the scaled task");
  }

  private int fail(int code, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + message);
    err.flush();
    return code;
  }
}
