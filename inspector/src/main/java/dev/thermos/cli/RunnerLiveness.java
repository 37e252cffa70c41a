package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LockTable;
import java.util.OptionalInt;

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

  /**
   * The command that resumes the task: {@code run --task_id} without a task file takes the stored
   * task, and the sandbox and ports its checkpoint recorded.
   */
  static String resumeCommand(TaskPaths paths, TaskSummary summary) {
    return "thermos run --root " + ShellWords.quote(paths.root().toString()) + " --task_id "
        + ShellWords.quote(summary.taskId());
  }
}
