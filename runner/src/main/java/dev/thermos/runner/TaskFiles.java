package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The task's JSON file: written to {@code tasks/active/<id>} (interpolated) when the task first
 * starts, moved to {@code tasks/finished/<id>} when it ends. Written to a temporary name and
 * renamed, so readers never see half a file; opened and renamed relative to the {@code tasks/}
 * directories, so a link planted at either name is replaced, never followed.
 */
final class TaskFiles {
  private final TaskPaths paths;
  private final String taskId;

  TaskFiles(TaskPaths paths, String taskId) {
    this.paths = paths;
    this.taskId = paths.taskFile(TaskFileState.ACTIVE, taskId).getFileName().toString();
  }

  /** Writes the active file unless it exists (a restarted runner keeps the original). */
  void writeActive(TaskConfig task) throws IOException {
    try (SafeDirectory active = directory(TaskFileState.ACTIVE, true)) {
      if (active.stat(taskId).map(s -> s.isRegularFile()).orElse(false)) {
        return;
      }
      active.writeAtomically(taskId,
          TaskConfigJson.toJson(task).getBytes(StandardCharsets.UTF_8), 0644);
    }
  }

  /** Replaces the active file with {@code task} ({@code thermos update}), durably. */
  void replaceActive(TaskConfig task) throws IOException {
    try (SafeDirectory active = directory(TaskFileState.ACTIVE, true)) {
      active.writeAtomically(taskId,
          TaskConfigJson.toJson(task).getBytes(StandardCharsets.UTF_8), 0644);
    }
  }

  /** The active file's text, if there is one (a resumed task's reference). */
  java.util.Optional<String> readActive() throws IOException {
    if (!Files.isDirectory(paths.tasksDirectory(TaskFileState.ACTIVE))) {
      return java.util.Optional.empty();
    }
    try (SafeDirectory active = directory(TaskFileState.ACTIVE, false)) {
      if (active.stat(taskId).isEmpty()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          new String(active.readAll(taskId, 16 << 20), StandardCharsets.UTF_8));
    }
  }

  /** Moves the active file to finished/. */
  void finish() throws IOException {
    if (!Files.isDirectory(paths.tasksDirectory(TaskFileState.ACTIVE))) {
      return;
    }
    try (SafeDirectory active = directory(TaskFileState.ACTIVE, false)) {
      if (active.stat(taskId).isEmpty()) {
        return;
      }
      try (SafeDirectory finished = directory(TaskFileState.FINISHED, true)) {
        active.rename(taskId, finished, taskId);
        finished.sync();
      }
    }
  }

  private SafeDirectory directory(TaskFileState state, boolean create) throws IOException {
    return SafeDirectory.open(paths.tasksDirectory(state), Path.of(""), create);
  }
}
