package dev.thermos.cli;

import dev.thermos.gen.TaskState;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos lose}: end an active task LOST, by the forced procedure. */
@Command(
    name = "lose",
    description = {"Mark an active task LOST: SIGKILL its runner and processes, append "
        + "KILLED/LOST records and LOST, move the task file to finished."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the task ended", "1:no such active task, or it failed", "2:usage",
        "4:a corrupt checkpoint", "5:still locked after the runner was SIGKILLed"})
public final class LoseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Override
  public Integer call() throws IOException {
    Path dir = root.root();
    if (new TaskDetector(dir).find(taskId).filter(DetectedTask::active).isEmpty()) {
      spec.commandLine().getOut().println("No active task " + taskId + ".");
      spec.commandLine().getOut().flush();
      return ExitCode.FAILURE;
    }
    return TaskEnding.end(spec, dir, taskId, "Losing", TaskState.LOST,
        (kill, id) -> kill.lose(id));
  }
}
