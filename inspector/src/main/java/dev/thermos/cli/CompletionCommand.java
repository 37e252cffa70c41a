package dev.thermos.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos completion}: print the bash completion script ({@code source <(thermos completion)}). */
@Command(
    name = "completion",
    description = {"Print a bash completion script for thermos.",
        "Install it for this shell with: source <(thermos completion)"})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = spec.commandLine().getParent();
    spec.commandLine().getOut().print(AutoComplete.bash("thermos", root));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
