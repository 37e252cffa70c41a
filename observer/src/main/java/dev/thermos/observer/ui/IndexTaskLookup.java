package dev.thermos.observer.ui;

import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.TaskIndex;
import java.nio.file.Path;
import java.util.Optional;

/** The observer's task index answering for the pages: known ids, and the sandbox from the header. */
public final class IndexTaskLookup implements TaskLookup {
  private final TaskIndex index;

  public IndexTaskLookup(TaskIndex index) {
    this.index = index;
  }

  @Override
  public boolean exists(String taskId) {
    return index.get(taskId) != null;
  }

  @Override
  public Optional<Path> sandbox(String taskId) {
    FollowedTask task = index.get(taskId);
    TaskSummary summary = task == null ? null : task.snapshot();
    if (summary == null) {
      return Optional.empty();
    }
    return summary.header().filter(h -> h.isSetSandbox()).map(h -> Path.of(h.getSandbox()));
  }
}
