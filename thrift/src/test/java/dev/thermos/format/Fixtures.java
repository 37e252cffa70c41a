package dev.thermos.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The golden fixtures copied from {@code shared/fixtures} into test resources, readable from this
 * module's test classes and, through the test jar, from other modules.
 */
public final class Fixtures {
  /** Golden streams under {@code fixtures/checkpoints}: NAME.ckpt with NAME.state.json. */
  public static final List<String> GOLDEN = List.of(
      "hello_success", "invalid_transition", "killed", "ports_unicode", "retry_then_fail",
      "torn_tail");
  /** Tasks of the 2012 root written by Aurora's own runner. */
  public static final List<String> AURORA_2012_TASKS = List.of(
      "failure", "failure_limit", "hello_world", "ordering", "ports", "sleep60", "sleep60-lost");
  /** Process logs of the 2012 root, {@code logs/<task_id>/<process>/<run>/stdout}. */
  public static final List<String> AURORA_2012_LOGS = List.of(
      "failure/p1/0", "failure/p2/0", "failure/p2/1", "failure/p3/0", "failure/p3/1",
      "failure/p3/2", "failure_limit/a/0", "hello_world/echo/0", "ordering/echo_one/0",
      "ordering/echo_three/0", "ordering/echo_two/0", "ports/echo/0");

  private Fixtures() {}

  /** The bytes of the resource {@code fixtures/<relative>}. */
  public static byte[] bytes(String relative) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + relative);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code fixtures/<relative>} to {@code dir/<file name>} and returns the copy. */
  public static Path copy(String relative, Path dir) throws IOException {
    Path target = dir.resolve(Path.of(relative).getFileName().toString());
    Files.write(target, bytes(relative));
    return target;
  }

  /** Copies the whole 2012 root (checkpoints, tasks, logs) under {@code dir}. */
  public static Path copyAurora2012Root(Path dir) throws IOException {
    Path root = dir.resolve("aurora-2012-root");
    for (String task : AURORA_2012_TASKS) {
      Path ckpt = root.resolve("checkpoints").resolve(task);
      Files.createDirectories(ckpt);
      Files.write(ckpt.resolve("runner"),
          bytes("aurora-2012-root/checkpoints/" + task + "/runner"));
      String state = task.equals("sleep60-lost") ? "active" : "finished";
      Path taskFile = root.resolve("tasks").resolve(state).resolve(task);
      Files.createDirectories(taskFile.getParent());
      Files.write(taskFile, bytes("aurora-2012-root/tasks/" + state + "/" + task));
    }
    for (String run : AURORA_2012_LOGS) {
      Path log = root.resolve("logs").resolve(run).resolve("stdout");
      Files.createDirectories(log.getParent());
      Files.write(log, bytes("aurora-2012-root/logs/" + run + "/stdout"));
    }
    return root;
  }

  /** Copies a resource stream to a file, for callers that need a real path. */
  static Path copyStream(InputStream in, Path target) throws IOException {
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }
}
