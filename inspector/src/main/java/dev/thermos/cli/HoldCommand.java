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
    return new ControlTarget(spec, root.root(), taskId).recordState(ControlRequest.Verb.HOLD, -1,
        "Held " + taskId + ": nothing new is launched until released");
  }
}
