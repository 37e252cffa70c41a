package dev.thermos.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of a task, found through {@code /proc}: every coordinator and user process gets
 * {@code HOME=<sandbox>} in its environment, so a process whose environment holds it belongs to the
 * task (a zombie has no environment and is not running).
 */
final class TaskProcesses {
  /** SIGKILL is asynchronous: a killed process may need a moment to be gone. */
  private static final long GRACE_MILLIS = 2_000;

  private TaskProcesses() {}

  /** Fails unless, within a short grace, no process of the task is alive. */
  static void assertNoneLeft(Path sandbox) throws InterruptedException {
    long deadline = System.currentTimeMillis() + GRACE_MILLIS;
    List<String> left = withHome(sandbox);
    while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
      left = withHome(sandbox);
    }
    if (!left.isEmpty()) {
      throw new AssertionError("processes of the task still alive after it ended: " + left);
    }
  }

  /** "pid cmdline" of each live process with {@code HOME=<sandbox>}. */
  static List<String> withHome(Path sandbox) {
    byte[] needle = ("HOME=" + sandbox + "\0").getBytes(StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        byte[] env = readOrEmpty(dir.resolve("environ"));
        if (contains(env, needle) && alive(Integer.parseInt(dir.getFileName().toString()))) {
          found.add(dir.getFileName() + " "
              + new String(readOrEmpty(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ').trim());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
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

  private static byte[] readOrEmpty(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (i > 0 && haystack[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
