package dev.thermos.cli;

import dev.thermos.control.ControlRequest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos release}: undo {@code thermos hold}. */
@Command(
    name = "release",
    description = {"Release a held task: it launches what it holds back at once (a drain is not "
        + "undone)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:recorded (and applied by the live runner, if any)", "1:the live runner "
        + "did not apply it within 10 s (it is recorded: it will be)", "2:usage",
        "3:no such task", "6:the task has ended"})
public final class ReleaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Override
  public Integer call() throws IOException {
    return new ControlTarget(spec, root.root(), taskId).recordState(ControlRequest.Verb.RELEASE,
        -1, "Released " + taskId);
  }
}
