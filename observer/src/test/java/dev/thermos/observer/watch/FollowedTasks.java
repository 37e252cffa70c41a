package dev.thermos.observer.watch;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;

/** Followed tasks for tests outside this package, driven by hand (no watcher). */
public final class FollowedTasks {
  private FollowedTasks() {}

  /** Task {@code taskId} of {@code paths}, its task file in {@code state} (not read yet). */
  public static FollowedTask follow(TaskPaths paths, String taskId, TaskFileState state) {
    FollowedTask t = new FollowedTask(taskId, paths);
    t.fileState(state, 1);
    return t;
  }

  /** Reads what was appended to {@code task}'s stream since the last call, as the watcher does. */
  public static void catchUp(FollowedTask task) {
    task.catchUp(5000.0);
  }
}
