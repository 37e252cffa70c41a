package dev.thermos.runner;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.Names;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An absolute {@code working_dir} must exist when the task starts (a relative one is created
 * below the sandbox by the coordinator, without following links).
 */
final class WorkingDirectories {
  private WorkingDirectories() {}

  static void check(TaskConfig task) throws InvalidTaskException {
    for (ProcessConfig p : task.processes()) {
      String dir = p.options().workingDir();
      if (dir != null && dir.startsWith("/") && !Files.isDirectory(Path.of(dir))) {
        throw new InvalidTaskException("Task has invalid process: " + p.name()
            + ": invalid working_dir: " + Names.quote(dir) + " (no such directory)");
      }
    }
  }
}
