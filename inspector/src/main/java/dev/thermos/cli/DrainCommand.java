package dev.thermos.cli;

import dev.thermos.control.ControlRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos drain}: launch nothing new, let the runs end, then end the task. */
@Command(
    name = "drain",
    description = {"Drain an active task: nothing new is launched; once its running processes "
        + "have ended on their own (or --timeout has passed: then they get their stop signals), "
        + "the finalizers run and the task ends as a normal end would (SUCCESS if healthy).",
        "Recorded durably in the task's control.jsonl; without a live runner it takes effect "
            + "when the task is resumed (the timeout counts from now). Not undone by release."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:recorded (and applied by the live runner, if any)", "1:the live runner "
        + "did not apply it within 10 s (it is recorded: it will be)", "2:usage",
        "3:no such task", "6:the task has ended"})
public final class DrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the running processes may take to end on their own (30s, 5m, "
          + "...); without it, as long as they take.")
  Duration timeout;

  @Parameters(paramLabel = "TASK", description = "The task id.")
  String taskId;

  @Override
  public Integer call() throws IOException {
    double secs = timeout == null ? -1 : timeout.toMillis() / 1000.0;
    return new ControlTarget(spec, root.root(), taskId).recordState(ControlRequest.Verb.DRAIN,
        secs, "Draining " + taskId + ": nothing new is launched; the task ends once its processes "
            + "have ended" + (timeout == null ? ""
                : " (within " + timeout.toSeconds() + " s, else they are stopped)"));
  }
}
