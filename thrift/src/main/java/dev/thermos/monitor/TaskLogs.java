package dev.thermos.monitor;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.posix.UnsafePathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a task's process logs are: the header's {@code log_dir}; without one (streams from 2012,
 * before the header had the field), {@code <sandbox>/.logs} when it exists, else the 2012 runner's
 * {@code <root>/logs/<task_id>}.
 */
public final class TaskLogs {
  private TaskLogs() {}

  /** The log directory of {@code taskId}; empty when the header says nothing and none exists. */
  public static Optional<Path> logDir(Path root, String taskId, RunnerHeader header) {
    if (header != null && header.isSetLogDir() && !header.getLogDir().isEmpty()) {
      return Optional.of(Path.of(header.getLogDir()));
    }
    if (header != null && header.isSetSandbox() && !header.getSandbox().isEmpty()) {
      Path logs = TaskPaths.defaultLogDir(Path.of(header.getSandbox()));
      if (Files.isDirectory(logs)) {
        return Optional.of(logs);
      }
    }
    Path legacy = root.resolve("logs").resolve(taskId);
    return Files.isDirectory(legacy) ? Optional.of(legacy) : Optional.empty();
  }

  /**
   * The operator's directory above {@code logDir}, the last whose links may be followed: the
   * sandbox's parent when the logs are in the sandbox (where the runner puts them), else the log
   * directory's parent. Everything below it (the sandbox, {@code .logs}, the run directories and
   * the log files) is opened without following links ({@link dev.thermos.posix.SafeDirectory}).
   *
   * @throws UnsafePathException when {@code logDir} is relative or the file system root
   */
  public static Path anchor(Path logDir, RunnerHeader header) throws UnsafePathException {
    if (!logDir.isAbsolute() || logDir.getParent() == null) {
      throw new UnsafePathException(logDir, "not a log directory (relative, or the root)");
    }
    if (header != null && header.isSetSandbox()) {
      Path sandbox = Path.of(header.getSandbox());
      if (sandbox.isAbsolute() && sandbox.getParent() != null && logDir.startsWith(sandbox)) {
        return sandbox.getParent();
      }
    }
    return logDir.getParent();
  }

  /** {@code stdout} or {@code stderr} of one run. */
  public static Path logFile(Path logDir, ProcessRun run, boolean stderr) {
    return stderr ? TaskPaths.stderr(logDir, run.process(), run.run())
        : TaskPaths.stdout(logDir, run.process(), run.run());
  }
}
