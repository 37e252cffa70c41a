package dev.thermos.observer.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the pages and the sandbox listing need to know about a task: whether the observer knows its
 * id, and where its sandbox is. The observer's task index answers it; {@link RootTaskLookup} reads
 * the roots directly.
 */
public interface TaskLookup {
  /** True when {@code taskId} is a task of one of the roots (active or finished). */
  boolean exists(String taskId);

  /** The sandbox its runner recorded in the checkpoint header; empty when unknown or not yet written. */
  Optional<Path> sandbox(String taskId);
}
