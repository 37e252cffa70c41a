package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.launch.Spawner;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task, or resumes it: takes the runner checkpoint's lock, replays what is there, appends
 * its own task status (and the header on a first start), reconciles live and finished runs with
 * the world ({@link Recovery}), then hands over to the {@link RunLoop} until a terminal state.
 *
 * <pre>
 *   TaskRunner r = TaskRunner.open(task, settings, observer);   // locks; may throw
 *   TaskState end = r.run();                                   // blocks until terminal
 *   r.stop(StopRequest.KILL);                                  // from any thread
 * </pre>
 */
public final class TaskRunner implements Closeable {
  private static final Duration FORCE_WAIT = Duration.ofSeconds(10);

  private final TaskConfig task;
  private final RunnerSettings settings;
  private final TaskFiles taskFiles;
  private final RunnerStream stream;
  private final Runs runs;
  private final RunLoop loop;
  private final CoordinatorWatcher watcher;

  private TaskRunner(TaskConfig task, RunnerSettings settings, TaskFiles taskFiles,
      RunnerStream stream, Plans plans) throws IOException {
    this.task = task;
    this.settings = settings;
    this.taskFiles = taskFiles;
    this.stream = stream;
    TaskPaths paths = new TaskPaths(settings.root());
    Optional<TaskCgroup> cgroup = TaskCgroup.open(paths, settings.taskId());
    Stopper stopper = new Stopper(settings.sandbox(), cgroup);
    RunLoop[] self = new RunLoop[1];
    Spawner.Listener spawned = new Spawner.Listener() {
      @Override
      public void exited(int pid, int code) {
        self[0].enqueue(new Event.CoordinatorExited(null, pid, code));
      }

      @Override
      public void spawnerEnded(Spawner spawner) {
        self[0].enqueue(new Event.SpawnerEnded(spawner));
      }
    };
    this.runs = new Runs(task, stream,
        new RunLauncher(settings, cgroup.map(TaskCgroup::dir).orElse(null), spawned), stopper,
        e -> self[0].enqueue(e));
    this.loop = new RunLoop(task, settings, stream, plans, runs, stopper);
    self[0] = loop;
    this.watcher = new CoordinatorWatcher(paths.checkpointDirectory(settings.taskId()),
        loop::enqueue);
  }

  /**
   * Locks and loads the task's checkpoint (creating it for a new task).
   *
   * @throws InvalidScheduleException when the task's plan cannot be built
   * @throws dev.thermos.format.CheckpointLockedException when a live runner holds the task
   * @throws TerminalTaskException when the task already ended
   */
  public static TaskRunner open(TaskConfig task, RunnerSettings settings, RunObserver observer)
      throws IOException, InvalidScheduleException, TerminalTaskException {
    Plans plans = Plans.of(task);
    Path checkpoint = new TaskPaths(settings.root()).runnerCheckpoint(settings.taskId());
    CheckpointWriter writer = settings.force()
        ? CheckpointWriter.openForced(checkpoint, FORCE_WAIT)
        : CheckpointWriter.open(checkpoint);
    try {
      Replayer replayer = new Replayer();
      try (CheckpointReader reader = CheckpointReader.open(checkpoint)) {
        CheckpointReplay.replay(reader, replayer);
      }
      RunnerStream stream = new RunnerStream(writer, replayer,
          record -> observer.onRecord(record, replayer.state()));
      TaskState state = stream.taskState();
      if (state != null && Replayer.isTerminal(state)) {
        finishEnded(stream, settings);
        throw new TerminalTaskException(settings.taskId(), state);
      }
      Files.createDirectories(settings.sandbox());
      TaskFiles files = new TaskFiles(new TaskPaths(settings.root()), settings.taskId());
      files.writeActive(task);
      return new TaskRunner(task, settings, files, stream, plans);
    } catch (IOException | TerminalTaskException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * A runner that died after recording the task's end may not have swept its leftovers nor moved
   * the task file to finished/: both are done here (both are no-ops when it did).
   */
  private static void finishEnded(RunnerStream stream, RunnerSettings settings)
      throws IOException {
    if (stream.state().isSetHeader()) {
      double launchSecs = stream.state().getHeader().getLaunchTimeMs() / 1000.0;
      TaskPaths paths = new TaskPaths(settings.root());
      new Stopper(settings.sandbox(), TaskCgroup.find(paths, settings.taskId()))
          .killMarked(launchSecs - 1);
    }
    new TaskFiles(new TaskPaths(settings.root()), settings.taskId()).finish();
  }

  /**
   * Checks that the task's plans can be built.
   *
   * @throws InvalidScheduleException with Aurora's message (cycles, invalid dependencies, ...)
   */
  public static void validatePlan(TaskConfig task) throws InvalidScheduleException {
    Plans.of(task);
  }

  /** Asks the task to stop; thread-safe (signal handlers call it). */
  public void stop(StopRequest request) {
    loop.enqueue(new Event.Stop(request));
  }

  /** Runs (or resumes) the task until it reaches a terminal state, and returns that state. */
  public TaskState run() throws IOException {
    try {
      LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    } catch (com.sun.jna.LastErrorException e) {
      System.err.println("thermos run: cannot become a child subreaper (errno " + e.getErrorCode()
          + "); orphans of processes may escape");
    }
    TaskState previous = stream.taskState();
    appendStart(previous);
    new Recovery(stream, runs, loop, settings).reconcile(task);
    loop.resumeStop();
    TaskState end = loop.run();
    taskFiles.finish();
    return end;
  }

  private void appendStart(TaskState previous) throws IOException {
    TaskState state = previous == null ? TaskState.ACTIVE : previous;
    RunnerCkpt status = Records.task(state, settings.clock().millis(), LibC.getpid(),
        settings.uid());
    if (stream.state().isSetHeader()) {
      stream.append(status);
    } else {
      stream.append(java.util.List.of(status, RunnerCkpt.runner_header(header())));
    }
  }

  private RunnerHeader header() {
    Map<String, Long> ports = new HashMap<>();
    settings.ports().forEach((name, port) -> ports.put(name, (long) port));
    return new RunnerHeader()
        .setTaskId(settings.taskId())
        .setLaunchTimeMs(settings.clock().millis())
        .setSandbox(settings.sandbox().toString())
        .setHostname(settings.hostname())
        .setUser(settings.user())
        .setPorts(ports)
        .setLogDir(settings.logDir().toString())
        .setUid(settings.uid());
  }

  @Override
  public void close() throws IOException {
    try {
      watcher.close();
      runs.close();
    } finally {
      stream.close();
    }
  }
}
