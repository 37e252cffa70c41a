package dev.thermos.observer.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * The task JSON a runner stored as {@code tasks/<active|finished>/<task_id>}, read without
 * following a link and only if it is a regular file.
 */
final class StoredTaskJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BYTES = 16 << 20;

  private StoredTaskJson() {}

  /** The stored task, or null when it cannot be read or is not JSON. */
  static JsonNode read(FollowedTask task) {
    TaskFileState state = task.fileState();
    if (state == null) {
      return null;
    }
    try (SafeDirectory dir = SafeDirectory.open(task.paths().tasksDirectory(state));
        FileChannel in = dir.openRead(task.taskId())) {
      if (in.size() > MAX_BYTES) {
        return null;
      }
      // Through a stream (small reads): a whole-file heap buffer would make the JDK cache a
      // direct buffer of its size on every HTTP thread.
      JsonNode node = MAPPER.readTree(Channels.newInputStream(in));
      if (node != null && node.path("name").isTextual()) {
        task.cacheName(node.path("name").asText());
      }
      return node;
    } catch (IOException e) {
      return null;
    }
  }

  /** The task's name ({@code "name"} of the stored task), or its id when it has none. */
  static String name(FollowedTask task) {
    String name = task.cachedName();
    if (name == null) {
      read(task);
      name = task.cachedName();
      if (name == null) {
        task.cacheName(task.taskId());
        name = task.taskId();
      }
    }
    return name;
  }
}
