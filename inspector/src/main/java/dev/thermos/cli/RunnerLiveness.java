package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LockTable;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Whether an active task's runner is alive: something holds its checkpoint's {@code flock}
 * (read from {@code /proc/locks}, never by taking the lock). A dead runner leaves its task ACTIVE;
 * {@link #resumeCommand} says how to carry it on.
 *
 * @param pid the holder of the lock when alive
 */
record RunnerLiveness(OptionalInt pid) {
  /** The liveness of {@code summary}'s task, for an active task; null for a finished one. */
  static RunnerLiveness of(TaskPaths paths, TaskSummary summary, LockTable locks) {
    if (!summary.active()) {
      return null;
    }
    return new RunnerLiveness(locks.holder(paths.runnerCheckpoint(summary.taskId())));
  }

  boolean alive() {
    return pid.isPresent();
  }

  /** The command that resumes the task with what its checkpoint recorded. */
  static String resumeCommand(TaskPaths paths, TaskSummary summary) {
    StringBuilder command = new StringBuilder("thermos run --root ")
        .append(ShellWords.quote(paths.root().toString()))
        .append(" --task_id ").append(ShellWords.quote(summary.taskId()));
    RunnerHeader header = summary.header().orElse(null);
    if (header != null && header.isSetSandbox()) {
      Path sandbox = Path.of(header.getSandbox());
      if (!sandbox.equals(paths.root().resolve("sandbox").resolve(summary.taskId()))) {
        command.append(" --sandbox ").append(ShellWords.quote(sandbox.toString()));
      }
    }
    if (header != null && header.isSetPorts()) {
      for (Map.Entry<String, Long> p : new TreeMap<>(header.getPorts()).entrySet()) {
        command.append(" -P ").append(ShellWords.quote(p.getKey() + ":" + p.getValue()));
      }
    }
    return command.append(' ').append(ShellWords.quote(
        paths.taskFile(TaskFileState.ACTIVE, summary.taskId()).toString())).toString();
  }
}
