package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.TaskMonitor;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the runner will start another run of a process whose last run ended, judged from the
 * task file and the runs so far, as the planner decides: while the task is ACTIVE, a daemon after
 * SUCCESS, a process after FAILED while its failures are under {@code max_failures} (0: no limit),
 * and after LOST; never after KILLED. Without a readable task file: never.
 */
final class RestartRule {
  private final TaskConfig task;

  private static final int MAX_TASK_FILE_BYTES = 16 << 20;

  private RestartRule(TaskConfig task) {
    this.task = task;
  }

  /** The rule of the task whose task file is {@code taskFile}. */
  static RestartRule of(Path taskFile) {
    // Read without following a link and without waiting on a FIFO planted there.
    try (SafeDirectory tasks = SafeDirectory.open(taskFile.toAbsolutePath().getParent())) {
      byte[] json = tasks.readAll(taskFile.getFileName().toString(), MAX_TASK_FILE_BYTES);
      return new RestartRule(TaskConfigLoader.parse(new String(json, StandardCharsets.UTF_8),
          taskFile.toString()));
    } catch (InvalidTaskException | IOException e) {
      return new RestartRule(null);
    }
  }

  /** True when the task file names {@code process}, and its task may still start it. */
  boolean mayStart(String process, TaskMonitor monitor) {
    return config(process).isPresent()
        && TaskSummary.lastState(monitor.state()) == TaskState.ACTIVE;
  }

  boolean mayRunAgain(String process, TaskMonitor monitor) {
    List<ProcessStatus> runs = monitor.runs(process);
    Optional<ProcessConfig> config = config(process);
    if (runs.isEmpty() || config.isEmpty()
        || TaskSummary.lastState(monitor.state()) != TaskState.ACTIVE) {
      return false;
    }
    ProcessState last = runs.get(runs.size() - 1).getState();
    return switch (last) {
      case SUCCESS -> config.get().daemon();
      case FAILED -> config.get().maxFailures() == 0
          || runs.stream().filter(r -> r.getState() == ProcessState.FAILED).count()
              < config.get().maxFailures();
      case LOST -> true;
      default -> false;
    };
  }

  private Optional<ProcessConfig> config(String process) {
    if (task == null) {
      return Optional.empty();
    }
    return task.processes().stream().filter(p -> p.name().equals(process)).findFirst();
  }
}
