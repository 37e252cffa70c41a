package dev.thermos.cli;

import dev.thermos.control.ControlRequest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos hold}: launch nothing new in a task until it is released. */
@Command(
    name = "hold",
    description = {"Hold an active task: nothing new is launched (no new run, no retry, no "
        + "daemon restart) until `thermos release`; running processes go on.",
        "Recorded durably in the task's control.jsonl; without a live runner it takes effect "
            + "when the task is resumed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:recorded (and applied by the live runner, if any)", "1:the live runner "
        + "did not apply it within 10 s (it is recorded: it will be)", "2:usage",
        "3:no such task", "6:the task has ended"})
public final class HoldCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Override
  public Integer call() throws IOException {
    return record(spec, root, taskId, ControlRequest.Verb.HOLD,
        "Held " + taskId + ": nothing new is launched until released");
  }

  /** Records the state verb {@code verb} for the task and prints {@code line} (with a note). */
  static int record(CommandSpec spec, RootOption root, String taskId, ControlRequest.Verb verb,
      String line) throws IOException {
    return record(spec, root, taskId, verb, -1, line);
  }

  static int record(CommandSpec spec, RootOption root, String taskId, ControlRequest.Verb verb,
      double timeoutSecs, String line) throws IOException {
    ControlTarget target = new ControlTarget(spec, root.root(), taskId);
    int code = target.checkActive();
    if (code != ExitCode.OK) {
      return code;
    }
    long end = target.record(verb, null, null, timeoutSecs);
    if (target.runner().isEmpty()) {
      return target.done(line + " (no live runner: it takes effect when the task is resumed).");
    }
    try {
      return RestartCommand.acknowledged(target, end, line + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILURE;
    }
  }
}
