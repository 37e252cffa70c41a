package dev.thermos.cli;

import dev.thermos.config.StopSignal;
import dev.thermos.control.ControlRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos signal}: one signal to the process group of a process's live run. */
@Command(
    name = "signal",
    description = {"Send one signal to the process group of a live run (the runner sends it; "
        + "its coordinator ignores it, but STOP halts it too until CONT).",
        "SIGNAL: HUP, INT, QUIT, ABRT, USR1, USR2, ALRM, TERM, WINCH, PWR, KILL, STOP, CONT (with "
            + "or without SIG, any case). KILL kills every process of the run but its "
            + "coordinator, which records the end."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the runner sent it", "1:the runner did not confirm it within 10 s (it "
        + "is recorded: it will be carried out)", "2:usage (an unknown signal)",
        "3:no such task", "6:the task has ended, has no live runner, or the process no live "
        + "run", "7:no such process"})
public final class SignalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Parameters(index = "1", paramLabel = "PROCESS", description = "The process's name.")
  String process;

  @Parameters(index = "2", paramLabel = "SIGNAL", description = "The signal's name.")
  String signal;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (StopSignal.controlNumber(signal) == null) {
      throw new UsageException("unknown signal " + signal + " (one of "
          + StopSignal.controlNames() + ")");
    }
    String name = signal.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
    return new ControlTarget(spec, root.root(), taskId).recordAction(
        ControlRequest.Verb.SIGNAL, process, name, true,
        "Sent SIG" + name + " to " + process + " of " + taskId + ".");
  }
}
