package dev.thermos.cli;

import dev.thermos.config.TaskConfig;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The line under {@code thermos run}'s first line that says how to see a process's output:
 * {@code logs: thermos tail --root R TASK PROCESS (-f follows)}, with the process's name when the
 * task has only one; root and id are quoted for the shell when they need it.
 */
final class LogsHint {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private LogsHint() {}

  static String line(Path root, String taskId, TaskConfig task) {
    String process = task.processes().size() == 1 ? quote(task.processes().get(0).name())
        : "PROCESS";
    return "logs: thermos tail --root " + quote(root.toString()) + " " + quote(taskId) + " "
        + process + " (-f follows)";
  }

  /** {@code text} as one shell word. */
  static String quote(String text) {
    return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
