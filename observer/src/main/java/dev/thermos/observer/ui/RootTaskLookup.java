package dev.thermos.observer.ui;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskLookup} that asks the roots on each call: the task file's existence, and the
 * sandbox from the first header record of the runner checkpoint (the records before it are few;
 * the rest of the stream is not read). Read-only: nothing is locked or written.
 */
public final class RootTaskLookup implements TaskLookup {
  private final List<TaskDetector> roots;

  public RootTaskLookup(List<Path> roots) {
    this.roots = roots.stream().map(TaskDetector::new).toList();
  }

  @Override
  public boolean exists(String taskId) {
    return root(taskId).isPresent();
  }

  @Override
  public Optional<Path> sandbox(String taskId) {
    Optional<TaskDetector> root = root(taskId);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Path checkpoint = root.get().paths().runnerCheckpoint(taskId);
    try (CheckpointReader reader = CheckpointReader.openInTask(checkpoint)) {
      for (RunnerCkpt record = reader.next(); record != null; record = reader.next()) {
        if (record.isSetRunnerHeader() && record.getRunnerHeader().isSetSandbox()) {
          return Optional.of(Path.of(record.getRunnerHeader().getSandbox()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no checkpoint yet, or unreadable: no sandbox to show
    }
  }

  private Optional<TaskDetector> root(String taskId) {
    if (!TaskPaths.isValidId(taskId)) {
      return Optional.empty();
    }
    return roots.stream().filter(d -> d.find(taskId).isPresent()).findFirst();
  }
}
