package dev.thermos.monitor;

import dev.thermos.format.TaskPaths.TaskFileState;

/** A task found under a root: its id and whether its task file is active or finished. */
public record DetectedTask(String taskId, TaskFileState fileState) {
  /** Whether the task file is under {@code tasks/active}. */
  public boolean active() {
    return fileState == TaskFileState.ACTIVE;
  }
}
