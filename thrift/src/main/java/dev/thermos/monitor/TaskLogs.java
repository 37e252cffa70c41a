package dev.thermos.monitor;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerHeader;
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

  /** {@code stdout} or {@code stderr} of one run. */
  public static Path logFile(Path logDir, ProcessRun run, boolean stderr) {
    return stderr ? TaskPaths.stderr(logDir, run.process(), run.run())
        : TaskPaths.stdout(logDir, run.process(), run.run());
  }
}
