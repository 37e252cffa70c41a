package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.ProcessRun;
import dev.thermos.monitor.TaskDetector;
import dev.thermos.monitor.TaskLogs;
import dev.thermos.monitor.TaskMonitor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code thermos tail}: the last lines of a process's log, Aurora's way (the latest run; with
 * several processes and none named, list them), and, with {@code -f}, follow it while the run is
 * live. Beyond Aurora: {@code --all} merges every process, each line prefixed {@code process:};
 * {@code -f} follows a process the runner restarts (a daemon) into its next runs. Never locks.
 */
@Command(
    name = "tail",
    description = {"Tail the logs of a task process.",
        "TASK is a task id, or a regex matching exactly one task id from the start."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the log was shown (or followed to the end of its run)",
        "1:no such task or process, or several match", "2:usage error",
        "3:the runner checkpoint or a log is a symbolic link, a FIFO or not a regular file "
            + "(refused, never read)",
        "4:the runner checkpoint is corrupt"})
public final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "--stderr", description = "Tail stderr instead of stdout.")
  boolean stderr;

  @Option(names = {"-n", "--lines"}, paramLabel = "LINES", description = "Lines to show "
      + "(default: ${DEFAULT-VALUE}).")
  int lines = 10;

  @Option(names = {"-f", "--follow"}, description = "Follow the log while the run is live "
      + "(and a restarted process into its next runs).")
  boolean follow;

  @Option(names = "--run", paramLabel = "N", description = "This run (from 0) instead of the latest.")
  Integer run;

  @Option(names = "--all", description = "Every process, each line prefixed with 'process:'.")
  boolean all;

  @Parameters(index = "0", paramLabel = "TASK", description = "Task id or regex.")
  String task;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PROCESS", description = "Process name.")
  String process;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (lines < 0) {
      throw new UsageException("-n " + lines + ": expected a number of lines >= 0");
    }
    if (all && process != null) {
      throw new UsageException("--all and a PROCESS exclude each other");
    }
    TaskDetector detector = new TaskDetector(root.root());
    List<DetectedTask> tasks = new TaskSelector(detector).named(task);
    if (tasks.size() != 1) {
      return tasks.isEmpty() ? error("ERROR: Could not find task.")
          : error("ERROR: More than one task matches query.", tasks.stream()
              .map(DetectedTask::taskId).toList());
    }
    String taskId = tasks.get(0).taskId();
    try (TaskMonitor monitor = new TaskMonitor(detector.paths().runnerCheckpoint(taskId))) {
      monitor.refresh();
      if (monitor.state().getHeader() == null) {
        return error("ERROR: Could not find task.");
      }
      Optional<Path> logDir = TaskLogs.logDir(root.root(), taskId, monitor.state().getHeader());
      if (logDir.isPresent() && follow && process != null && !all) {
        LogFollower.Location location = new LogFollower.Location(
            TaskLogs.anchor(logDir.get(), monitor.state().getHeader()), logDir.get());
        if (location.runs().stream().noneMatch(r -> r.process().equals(process))) {
          return awaitStart(detector.paths(), taskId, tasks.get(0).fileState(), monitor, location);
        }
      }
      if (logDir.isEmpty()) {
        return error("ERROR: No processes found.");
      }
      Path anchor = TaskLogs.anchor(logDir.get(), monitor.state().getHeader());
      return tail(detector.paths(), taskId, tasks.get(0).fileState(), monitor,
          new LogFollower.Location(anchor, logDir.get()));
    }
  }

  private int tail(TaskPaths paths, String taskId, TaskFileState state, TaskMonitor monitor,
      LogFollower.Location location) throws IOException, InterruptedException {
    Path logDir = location.logDir();
    Map<String, Integer> latest = new TreeMap<>();
    for (ProcessRun r : location.runs()) {
      if (process == null || r.process().equals(process)) {
        latest.merge(r.process(), r.run(), Math::max);
      }
    }
    if (latest.isEmpty()) {
      return error("ERROR: No processes found.");
    }
    if (latest.size() > 1 && !all) {
      return error("ERROR: More than one process matches query.", List.copyOf(latest.keySet()));
    }
    if (run != null && run < 0) {
      throw new UsageException("--run " + run + ": runs count from 0");
    }
    if (run != null) {
      if (all) {
        throw new UsageException("--run applies to one process, not --all");
      }
      String only = latest.keySet().iterator().next();
      if (!Files.isDirectory(TaskPaths.processLogDir(logDir, only, run))) {
        return error("ERROR: No run " + run + " of process " + only + ".");
      }
      latest.replaceAll((p, r) -> run);
    }
    TailOutput output = new TailOutput(spec.commandLine().getOut(), all);
    Map<String, FollowedLog> logs = new TreeMap<>();
    for (Map.Entry<String, Integer> e : latest.entrySet()) {
      FollowedLog log = new FollowedLog(location.anchor(),
          TaskLogs.logFile(logDir, new ProcessRun(e.getKey(), e.getValue()), stderr));
      boolean live = monitor.runIsLive(e.getKey(), e.getValue());
      output.header(live ? "active" : "terminal", log.file());
      log.start(lines).forEach(line -> output.line(e.getKey(), line));
      logs.put(e.getKey(), log);
    }
    output.flush();
    if (follow) {
      // Only a follower needs the task's restart rules and inotify watches.
      RestartRule restarts = RestartRule.of(paths.taskFile(state, taskId));
      try (LogFollower follower = new LogFollower(monitor, location,
          new LogFollower.Policy(run == null, all, null, stderr, restarts), output)) {
        for (Map.Entry<String, FollowedLog> e : logs.entrySet()) {
          follower.add(e.getKey(), latest.get(e.getKey()), e.getValue());
        }
        follower.follow();
      }
    }
    return ExitCode.OK;
  }

  /**
   * {@code tail -f TASK PROCESS} before PROCESS ran: waits for its first run (file events, never a
   * timer) and follows it, or says it will not start when its task ends first.
   */
  private int awaitStart(TaskPaths paths, String taskId, TaskFileState state, TaskMonitor monitor,
      LogFollower.Location location) throws IOException, InterruptedException {
    RestartRule rules = RestartRule.of(paths.taskFile(state, taskId));
    if (!rules.mayStart(process, monitor)) {
      return error("ERROR: No processes found.");
    }
    spec.commandLine().getErr().println("Waiting for " + process + " to start...");
    spec.commandLine().getErr().flush();
    TailOutput output = new TailOutput(spec.commandLine().getOut(), false);
    try (LogFollower follower = new LogFollower(monitor, location,
        new LogFollower.Policy(run == null, true, process, stderr, rules), output)) {
      follower.follow();
    }
    if (monitor.runs(process).isEmpty()) {
      return error("ERROR: " + process + " did not start: task " + taskId + " ended.");
    }
    return ExitCode.OK;
  }

  private int error(String message) {
    return error(message, List.of());
  }

  private int error(String message, List<String> candidates) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    candidates.forEach(c -> err.println("  " + c));
    err.flush();
    return ExitCode.FAILURE;
  }
}
