package dev.thermos.runner;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Which directories may be a task's sandbox. The sandbox is the processes' HOME and working
 * directory, and the end of the task sweeps what carries it: so it is never {@code /}, the root
 * or one of the root's ancestors, nor the sandbox of another active task of the root (nor inside
 * one, nor one's ancestor). Paths are compared after resolving symbolic links in the part that
 * exists. Nothing is written.
 */
public final class SandboxRules {
  /** Records read from a checkpoint's start to find its header (a status, then the header). */
  private static final int HEADER_WITHIN = 4;

  private SandboxRules() {}

  /**
   * Checks {@code sandbox} for task {@code taskId} under {@code root}.
   *
   * @throws InvalidSandboxException saying which rule the sandbox breaks
   */
  public static void check(Path root, Path sandbox, String taskId)
      throws InvalidSandboxException {
    Path box = canonical(sandbox);
    Path realRoot = canonical(root);
    if (box.getParent() == null) {
      throw new InvalidSandboxException(sandbox, "the filesystem root cannot be a sandbox");
    }
    if (realRoot.startsWith(box)) {
      throw new InvalidSandboxException(sandbox, box.equals(realRoot)
          ? "the thermos root cannot be a sandbox"
          : "an ancestor of the thermos root " + root + " cannot be a sandbox");
    }
    TaskDetector detector = new TaskDetector(root);
    try {
      for (String other : detector.ids(TaskPaths.TaskFileState.ACTIVE)) {
        if (other.equals(taskId) || !TaskPaths.isValidId(other)) {
          continue;
        }
        Path theirs = sandboxOf(detector.paths().runnerCheckpoint(other));
        if (theirs != null && (box.startsWith(theirs) || theirs.startsWith(box))) {
          throw new InvalidSandboxException(sandbox, "overlaps the sandbox " + theirs
              + " of the active task " + other);
        }
      }
    } catch (IOException e) {
      // No tasks directory yet (a new root): no other task to collide with.
    }
  }

  /** The canonical sandbox of a runner checkpoint's header, or null when it has none. */
  private static Path sandboxOf(Path checkpoint) {
    if (!Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (CheckpointReader reader = CheckpointReader.open(checkpoint)) {
      RunnerCkpt r = reader.next();
      for (int i = 0; r != null && i < HEADER_WITHIN; i++, r = reader.next()) {
        if (r.isSetRunnerHeader() && r.getRunnerHeader().isSetSandbox()) {
          return canonical(Path.of(r.getRunnerHeader().getSandbox()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable checkpoint names no sandbox.
    }
    return null;
  }

  /**
   * {@code path} absolute and normalised, with links resolved in its longest existing prefix (the
   * rest does not exist, so holds no link).
   */
  static Path canonical(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path tail = p.getFileSystem().getPath("");
    for (Path head = p; head != null; head = head.getParent()) {
      try {
        return head.toRealPath().resolve(tail).normalize();
      } catch (IOException e) {
        tail = head.getFileName() == null ? tail : head.getFileName().resolve(tail);
      }
    }
    return p;
  }
}
