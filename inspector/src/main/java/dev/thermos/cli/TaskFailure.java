package dev.thermos.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that works through several tasks reports a failed one on stderr
 * ({@code thermos kill: <task>: <reason>}), goes on with the others, and exits with that task's
 * code, chosen by {@link Main#exitCodeOf}.
 */
final class TaskFailure {
  private TaskFailure() {}

  static int report(CommandSpec spec, String taskId, Exception e) {
    int code = Main.exitCodeOf(e);
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + taskId + ": "
        + Main.describe(e));
    if (code == ExitCode.INTERNAL) {
      e.printStackTrace(spec.commandLine().getErr());
    }
    spec.commandLine().getErr().flush();
    return code;
  }
}
