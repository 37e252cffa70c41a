package dev.thermos.cli;

import dev.thermos.control.ControlRequest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos restart}: stop a process's run by its ladder and run it again at once. */
@Command(
    name = "restart",
    description = {"Restart a process of a live task: its run is stopped with its stop signals "
        + "(its end recorded KILLED, not counted as a failure) and, once it has ended, run again "
        + "at once (min_duration and restart_backoff skipped, even while the task is held).",
        "A process with no live run that is waiting to run again is started at once."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the runner started the restart", "1:the runner did not confirm it "
        + "within 10 s (it is recorded: it will be carried out)", "2:usage", "3:no such task",
        "6:the task has ended or has no live runner", "7:no such process"})
public final class RestartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Parameters(index = "1", paramLabel = "PROCESS", description = "The process's name.")
  String process;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return new ControlTarget(spec, root.root(), taskId).recordAction(
        ControlRequest.Verb.RESTART, process, null, false, "Restarting " + process + " of "
        + taskId + ": its run is stopped by its stop signals, then started again.");
  }
}
