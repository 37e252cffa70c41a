package dev.thermos.inspect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A finished task gc may collect, with what would go.
 *
 * @param taskId the task
 * @param lastModified its age: the runner checkpoint's mtime (the task file's without one)
 * @param areas what would be removed, in order (metadata last)
 */
public record GcTarget(String taskId, Instant lastModified, List<Area> areas) {
  /**
   * One thing to remove.
   *
   * @param kind {@code sandbox}, {@code logs}, {@code checkpoints} or {@code task file}
   * @param path its real location
   * @param keep paths below it to leave (the logs with --keep-logs)
   * @param bytes what removing it frees
   */
  public record Area(String kind, Path path, Set<Path> keep, long bytes) {}

  public GcTarget {
    areas = List.copyOf(areas);
  }

  /** The bytes removing every area frees. */
  public long bytes() {
    return areas.stream().mapToLong(Area::bytes).sum();
  }
}
