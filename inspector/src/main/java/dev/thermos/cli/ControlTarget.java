package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlRequest;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LockTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The task a control verb ({@code hold}, {@code release}, {@code drain}, {@code restart},
 * {@code signal}) is about: checked (an active task, a process of it, a live runner where the verb
 * needs one), then the request recorded durably in its {@code control.jsonl} ({@link ControlLog}),
 * which a live runner hears of through inotify. For an action, waits until the runner has carried
 * it out ({@code control.done}). Each failed check is one line on stderr and an exit code.
 */
final class ControlTarget {
  /** How often the runner's liveness is looked at while no file event comes. */
  private static final Duration LIVENESS_LOOK = Duration.ofMillis(200);
  /** How long an action's command waits for the runner to carry it out. */
  private static final Duration ACK_WAIT = Duration.ofSeconds(10);

  private final CommandSpec spec;
  private final TaskPaths paths;
  private final String taskId;
  private OptionalInt runner = OptionalInt.empty();
  private TaskSummary summary;

  ControlTarget(CommandSpec spec, Path root, String taskId) {
    this.spec = spec;
    this.paths = new TaskPaths(root);
    this.taskId = taskId;
  }

  /** Checks that the task exists and has not ended; its exit code when not, else OK. */
  int checkActive() {
    DetectedTask task = new TaskDetector(paths.root()).find(taskId).orElse(null);
    if (task == null) {
      return fail(ExitCode.NOT_FOUND, "no task " + taskId);
    }
    summary = TaskSummary.read(paths, task);
    if (!task.active() || Replayer.isTerminal(summary.taskState())) {
      return fail(ExitCode.ENDED, "task " + taskId + " has ended (" + summary.taskState() + ")");
    }
    runner = LockTable.read().holder(paths.runnerCheckpoint(taskId));
    return ExitCode.OK;
  }

  /**
   * Checks that {@code process} is one of the task's (its stored task file) and that a runner is
   * alive to act on it; with {@code liveRun}, that the process has a run that has not ended.
   */
  int checkProcess(String process, boolean liveRun) {
    try {
      List<String> names = TaskConfigLoader.load(paths.taskFile(TaskFileState.ACTIVE, taskId))
          .processes().stream().map(ProcessConfig::name).toList();
      if (!names.contains(process)) {
        return fail(ExitCode.NO_PROCESS, "task " + taskId + " has no process " + process
            + " (it has " + String.join(", ", names) + ")");
      }
    } catch (InvalidTaskException | RuntimeException e) {
      // The runner checks the name against the task it runs.
    }
    if (runner.isEmpty()) {
      return fail(ExitCode.ENDED, "task " + taskId + " has no live runner (resume it first: "
          + "thermos run --task_id " + taskId + ")");
    }
    List<ProcessStatus> runs = summary.state().getProcesses().get(process);
    if (liveRun && (runs == null || runs.isEmpty()
        || Replayer.isTerminal(runs.get(runs.size() - 1).getState()))) {
      return fail(ExitCode.ENDED, process + " of task " + taskId + " has no live run");
    }
    return ExitCode.OK;
  }

  /** The runner's pid, when one is alive. */
  OptionalInt runner() {
    return runner;
  }

  /**
   * Records an update to {@code taskJson} (with its {@code template}) durably; returns the offset
   * past its line.
   */
  long recordUpdate(String taskJson, String template) throws IOException {
    return new ControlLog(paths.checkpointDirectory(taskId)).append(ControlRequest.update(
        taskJson, template, System.currentTimeMillis() / 1000.0, UUID.randomUUID().toString()));
  }

  /** Records {@code verb} with its arguments durably; returns the offset past its line. */
  long record(ControlRequest.Verb verb, String process, String signal, double timeoutSecs)
      throws IOException {
    ControlRequest r = ControlRequest.of(verb, process, signal, timeoutSecs,
        System.currentTimeMillis() / 1000.0, UUID.randomUUID().toString());
    return new ControlLog(paths.checkpointDirectory(taskId)).append(r);
  }

  /**
   * Records a state verb (hold, release, drain) and says what it did: applied by the live runner,
   * or to take effect when the task is resumed.
   */
  int recordState(ControlRequest.Verb verb, double timeoutSecs, String line) throws IOException {
    int code = checkActive();
    if (code != ExitCode.OK) {
      return code;
    }
    long end = record(verb, null, null, timeoutSecs);
    if (runner().isEmpty()) {
      return done(line + " (no live runner: it takes effect when the task is resumed).");
    }
    try {
      return acknowledged(end, line + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILURE;
    }
  }

  /**
   * Records an action on a process's run (restart, signal) once the task is active and has the
   * process ({@code liveRun}: with a live run), and waits for the runner to carry it out.
   */
  int recordAction(ControlRequest.Verb verb, String process, String signal, boolean liveRun,
      String line) throws IOException, InterruptedException {
    int code = checkActive();
    code = code == ExitCode.OK ? checkProcess(process, liveRun) : code;
    if (code != ExitCode.OK) {
      return code;
    }
    return acknowledged(record(verb, process, signal, -1), line);
  }

  /** Prints {@code line} once the runner carried out the request ending at {@code end}. */
  int acknowledged(long end, String line) throws IOException, InterruptedException {
    if (awaitCarriedOut(end)) {
      return done(line);
    }
    done("Recorded, but the runner (pid " + runner().orElse(0)
        + ") has not carried it out yet; a resumed runner will.");
    return ExitCode.FAILURE;
  }

  /**
   * Waits until the runner carried out the request ending at {@code end}; false when it did not
   * within {@link #ACK_WAIT} or died first. Woken by the checkpoint directory's changes (the
   * runner replaces control.done); the runner's death is no file event, so its lock is looked at
   * between them, at most every {@link #LIVENESS_LOOK}.
   */
  boolean awaitCarriedOut(long end) throws IOException, InterruptedException {
    ControlLog log = new ControlLog(paths.checkpointDirectory(taskId));
    long until = System.nanoTime() + ACK_WAIT.toNanos();
    try (java.nio.file.WatchService watch = java.nio.file.FileSystems.getDefault()
        .newWatchService()) {
      paths.checkpointDirectory(taskId).register(watch,
          java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
          java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
      while (log.readDone() < end) {
        if (System.nanoTime() > until
            || LockTable.read().holder(paths.runnerCheckpoint(taskId)).isEmpty()) {
          return log.readDone() >= end;
        }
        java.nio.file.WatchKey key = watch.poll(LIVENESS_LOOK.toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      return true;
    }
  }

  /** Prints {@code line} on stdout. */
  int done(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
    return ExitCode.OK;
  }

  private int fail(int code, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + message);
    err.flush();
    return code;
  }
}
