package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskIdMatch;
import dev.thermos.inspect.TaskKill;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
    PrintWriter out = spec.commandLine().getOut();
    if (!TaskIdMatch.ids(dir, TaskPaths.TaskFileState.ACTIVE).contains(taskId)) {
      out.println("No active task " + taskId + ".");
      out.flush();
      return ExitCode.FAILURE;
    }
    TaskKill kill = new TaskKill(dir, Clock.systemUTC(), note -> {
      out.println(taskId + ": " + note);
      out.flush();
    });
    try {
      Optional<TaskState> end = kill.lose(taskId);
      out.println("Losing " + taskId + "...done." + suffix(end, TaskState.LOST));
      out.flush();
      return ExitCode.OK;
    } catch (IOException | RuntimeException e) {
      return TaskFailure.report(spec, taskId, e);
    }
  }

  /** Nothing when the task ended as asked, else how it ended (it may have ended on its own). */
  static String suffix(Optional<TaskState> end, TaskState asked) {
    return end.filter(s -> s != asked).map(s -> " (" + s + ")").orElse("");
  }
}
