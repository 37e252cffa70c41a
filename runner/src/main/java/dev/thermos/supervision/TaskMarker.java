package dev.thermos.supervision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The mark every process of a task carries in its environment, and only the task gives:
 * {@code THERMOS_TASK=<task_id>:<first 16 hex digits of SHA-256 of the root's real path>}. The
 * runner sets it for every process it starts; its children inherit it. The end-of-task sweep
 * SIGKILLs processes by it (wherever they moved), and nothing else by environment: a process with
 * {@code HOME=<sandbox>} but without the mark, or with another task's mark, is left alone.
 */
public final class TaskMarker {
  /** The environment variable. */
  public static final String VARIABLE = "THERMOS_TASK";

  private final String value;

  private TaskMarker(String value) {
    this.value = value;
  }

  /** The marker of task {@code taskId} under {@code root}. */
  public static TaskMarker of(Path root, String taskId) {
    return new TaskMarker(taskId + ":" + rootHash(root));
  }

  /** The variable's value. */
  public String value() {
    return value;
  }

  /** {@code THERMOS_TASK=<value>}, as it stands in {@code /proc/<pid>/environ}. */
  public String entry() {
    return VARIABLE + "=" + value;
  }

  /**
   * The first 8 bytes of SHA-256 of the root, in hex; the root as its real path where it exists
   * ({@code /var/run/thermos} and {@code /run/thermos} are one root).
   */
  static String rootHash(Path root) {
    Path canonical;
    try {
      canonical = root.toRealPath();
    } catch (IOException e) {
      canonical = root.toAbsolutePath().normalize();
    }
    byte[] digest = Sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  @Override
  public String toString() {
    return entry();
  }
}
