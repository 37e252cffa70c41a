package dev.thermos.cli;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.runner.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos simplerun}: run one command line as a one-process task. */
@Command(
    name = "simplerun",
    description = "Run a simple command line as a thermos task: thermos simplerun -- COMMAND...",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:SUCCESS", "1:FAILED", "3:KILLED", "4:LOST", "64:usage error",
        "65:invalid name (nothing was written)", "70:internal error",
        "73:cannot create the root or checkpoint", "74:the checkpoint was deleted",
        "75:locked by another runner", "76:a corrupt checkpoint on resume", "105:the task already ended"})
public final class SimpleRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "--name", paramLabel = "NAME", description = "Task and process name (default: simple).")
  String name = "simple";

  @Option(names = "--task_id", paramLabel = "ID", description = "Task id.")
  String taskId;

  @Option(names = "--sandbox", paramLabel = "DIR", description = "Working directory.")
  Path sandbox;

  @Option(names = {"-P", "--port"}, paramLabel = "NAME:PORT", description = "Bind a named port.")
  String[] ports = {};

  @Option(names = {"-E", "--environment"}, paramLabel = "NAME=VALUE",
      description = "Bind a template variable of the command line.")
  String[] bindings = {};

  @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command: one argument "
      + "is a shell command line as it is ('echo $HOME; date'); several are one command whose "
      + "arguments are each quoted for the shell (-- printf '%%s\\n' 'a b' c).")
  List<String> command;

  @Override
  public Integer call() throws IOException {
    String cmdline = ShellWords.commandLine(command);
    spec.commandLine().getOut().println("Running command: '" + cmdline + "'");
    TaskConfig task = TaskConfig.of(name, List.of(ProcessConfig.of(name, cmdline)));
    return new TaskExecution("simplerun", spec.commandLine().getOut(), spec.commandLine().getErr())
        .execute(task, new RunRequest(root.root(), sandbox, taskId,
            RunCommand.parsePorts(ports), RunCommand.parseBindings(bindings), false));
  }
}
