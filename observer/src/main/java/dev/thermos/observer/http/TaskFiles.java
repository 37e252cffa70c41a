package dev.thermos.observer.http;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.monitor.ProcessRun;
import dev.thermos.monitor.TaskLogs;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a task's log and sandbox files for the file endpoints, confined to the task: the sandbox
 * and log directory come from the task's own checkpoint header; below the operator's directory
 * above them, every component is opened with {@code O_NOFOLLOW} relative to its parent's
 * descriptor ({@link SafeDirectory}), so a {@code ..}, an absolute path, a symbolic link (even one
 * planted mid-path), a FIFO or a device is refused, never read. Every refusal is a
 * {@link NotFound}; the caller answers 404 with none of the file's bytes.
 */
final class TaskFiles {
  /** Nothing to serve (unknown task, process, run, log type or path, or an unsafe file). */
  static final class NotFound extends Exception {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private TaskFiles() {}

  /** {@code stdout} or {@code stderr} of run {@code run} of {@code process}. */
  static FileChannel openLog(FollowedTask task, String process, String run, String logType)
      throws NotFound {
    if (!logType.equals("stdout") && !logType.equals("stderr")) {
      throw new NotFound("no such log type: " + logType);
    }
    TaskSummary s = summary(task);
    RunnerState state = s.state();
    List<ProcessStatus> runs = state.getProcesses().get(process);
    Integer number = QueryNumbers.parse(run, null);
    if (runs == null || number == null || number < 0 || number >= runs.size()) {
      throw new NotFound("no run " + run + " of process " + process + " in task " + s.taskId());
    }
    RunnerHeader header = state.getHeader();
    Optional<Path> logDir = TaskLogs.logDir(task.paths().root(), s.taskId(), header);
    if (logDir.isEmpty()) {
      throw new NotFound("task " + s.taskId() + " has no log directory");
    }
    try {
      Path file = TaskLogs.logFile(logDir.get(), new ProcessRun(process, number),
          logType.equals("stderr"));
      Path anchor = TaskLogs.anchor(logDir.get(), header);
      try (SafeDirectory dir = SafeDirectory.open(anchor, anchor.relativize(file.getParent()),
          false)) {
        return dir.openRead(file.getFileName().toString());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new NotFound("cannot open the " + logType + " of " + process + " run " + run);
    }
  }

  /** The regular file at {@code relative} below the task's sandbox. */
  static FileChannel openSandboxFile(FollowedTask task, String relative) throws NotFound {
    TaskSummary s = summary(task);
    RunnerHeader header = s.state().getHeader();
    if (header == null || !header.isSetSandbox() || header.getSandbox().isEmpty()) {
      throw new NotFound("task " + s.taskId() + " has no sandbox");
    }
    Path path;
    try {
      path = Path.of(relative);
    } catch (InvalidPathException e) {
      throw new NotFound("not a path: " + relative);
    }
    if (path.isAbsolute() || path.getFileName() == null || relative.isEmpty()) {
      throw new NotFound("not a path inside the sandbox: " + relative);
    }
    Path parent = path.getParent() == null ? Path.of("") : path.getParent();
    try (SafeDirectory sandbox = SafeDirectory.openLeaf(Path.of(header.getSandbox()), false);
        SafeDirectory dir = sandbox.walk(parent, false)) {
      return dir.openRead(path.getFileName().toString());
    } catch (IOException | IllegalArgumentException e) {
      throw new NotFound("no such file in the sandbox: " + relative);
    }
  }

  private static TaskSummary summary(FollowedTask task) throws NotFound {
    TaskSummary s = task == null ? null : task.snapshot();
    if (s == null) {
      throw new NotFound("unknown task");
    }
    return s;
  }
}
