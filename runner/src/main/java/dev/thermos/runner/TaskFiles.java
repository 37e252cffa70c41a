package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.format.TaskPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The task's JSON file: written to {@code tasks/active/<id>} (interpolated) when the task first
 * starts, moved to {@code tasks/finished/<id>} when it ends. Written to a temporary name and
 * renamed, so readers never see half a file.
 */
final class TaskFiles {
  private final Path active;
  private final Path finished;

  TaskFiles(TaskPaths paths, String taskId) {
    this.active = paths.taskFile(TaskPaths.TaskFileState.ACTIVE, taskId);
    this.finished = paths.taskFile(TaskPaths.TaskFileState.FINISHED, taskId);
  }

  /** Writes the active file unless it exists (a restarted runner keeps the original). */
  void writeActive(TaskConfig task) throws IOException {
    if (Files.exists(active)) {
      return;
    }
    Files.createDirectories(active.getParent());
    Path tmp = active.resolveSibling("." + active.getFileName() + ".tmp");
    Files.writeString(tmp, TaskConfigJson.toJson(task), StandardCharsets.UTF_8);
    Files.move(tmp, active, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Moves the active file to finished/. */
  void finish() throws IOException {
    if (!Files.exists(active)) {
      return;
    }
    Files.createDirectories(finished.getParent());
    Files.move(active, finished, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
