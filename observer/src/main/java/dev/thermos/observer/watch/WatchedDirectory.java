package dev.thermos.observer.watch;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import java.nio.file.Path;

/**
 * A directory the watcher registered, and what its entries are.
 *
 * @param kind what the directory is
 * @param paths its root
 * @param fileState for {@link Kind#TASK_FILES}: active or finished
 * @param taskId for {@link Kind#TASK_CHECKPOINT}: the task
 * @param dir the directory
 */
record WatchedDirectory(Kind kind, TaskPaths paths, TaskFileState fileState, String taskId,
    Path dir) {
  /** What a watched directory holds. */
  enum Kind {
    /** {@code <root>}: its {@code tasks} and {@code checkpoints} may appear. */
    ROOT,
    /** {@code <root>/tasks}: {@code active} and {@code finished} may appear. */
    TASKS,
    /** {@code <root>/tasks/active} or {@code finished}: task files. */
    TASK_FILES,
    /** {@code <root>/checkpoints}: one directory per task. */
    CHECKPOINTS,
    /** {@code <root>/checkpoints/<task_id>}: the runner's stream and the coordinators'. */
    TASK_CHECKPOINT
  }
}
