package dev.thermos.runner;

import dev.thermos.supervision.ProcessTree;
import dev.thermos.supervision.TaskMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The processes of a task, found as the runner's own sweep finds them: every live process carrying
 * the task's {@link TaskMarker} ({@link ProcessTree#withEnvironmentEntry}, the production code, not
 * a copy of it).
 */
final class TaskProcesses {
  /** SIGKILL is asynchronous: a killed process may need a moment to be gone. */
  private static final long GRACE_MILLIS = 2_000;

  private TaskProcesses() {}

  /** Fails unless, within a short grace, no process of the task is alive. */
  static void assertNoneLeft(Path root, String taskId) throws InterruptedException {
    String marker = TaskMarker.of(root, taskId).entry();
    long deadline = System.currentTimeMillis() + GRACE_MILLIS;
    Set<Integer> left = ProcessTree.snapshot().withEnvironmentEntry(marker);
    while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
      left = ProcessTree.snapshot().withEnvironmentEntry(marker);
    }
    if (!left.isEmpty()) {
      throw new AssertionError("processes of the task still alive after it ended: " + left);
    }
  }

  /** True when {@code pid} exists and is not a zombie. */
  static boolean alive(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}
