package dev.thermos.inspect;

import dev.thermos.format.CheckpointLockedException;
import dev.thermos.format.TaskPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what a {@link GcTarget} lists, holding the task's runner checkpoint lock meanwhile so no
 * runner can start on it, after checking again that the task is finished and not active. The
 * sandbox and logs go first and the metadata last, so an interrupted collection leaves the task
 * listed for the next one.
 */
public final class GarbageCollector {
  /**
   * What collecting one task did.
   *
   * @param bytes bytes freed
   * @param left what was left, with the reason
   */
  public record Collected(long bytes, List<String> left) {}

  private final TaskPaths paths;

  /** {@code root}: the real root the targets were scanned under. */
  public GarbageCollector(Path root) {
    this.paths = new TaskPaths(root);
  }

  /**
   * Collects {@code target}.
   *
   * @throws CheckpointLockedException when a runner holds the task's checkpoint
   * @throws IOException when the task became active, or a directory cannot be opened
   */
  public Collected collect(GcTarget target) throws IOException {
    String id = target.taskId();
    Path checkpoint = paths.runnerCheckpoint(id);
    Optional<CheckpointLock> lock = Optional.empty();
    if (Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      lock = CheckpointLock.tryLock(checkpoint);
      if (lock.isEmpty()) {
        throw new CheckpointLockedException(checkpoint, "a runner holds the task; not collected");
      }
    }
    try {
      if (Files.exists(paths.taskFile(TaskPaths.TaskFileState.ACTIVE, id),
          LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("the task is active; not collected");
      }
      long bytes = 0;
      List<String> left = new ArrayList<>();
      for (GcTarget.Area a : target.areas()) {
        TreeRemover.Removal r = TreeRemover.remove(a.path(), a.keep(), false);
        bytes += r.bytes();
        left.addAll(r.left());
      }
      return new Collected(bytes, left);
    } finally {
      lock.ifPresent(CheckpointLock::close);
    }
  }
}
