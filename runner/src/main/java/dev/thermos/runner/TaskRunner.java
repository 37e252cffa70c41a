package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.format.CheckpointWriteException;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.SandboxMarker;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.launch.Spawner;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.CgroupSwitch;
import dev.thermos.supervision.Stopper;
import dev.thermos.supervision.TaskCgroup;
import dev.thermos.posix.SafeDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
  private final RunnerSettings settings;
  private final TaskFiles taskFiles;
  private final RunnerStream stream;
  private final RunLauncher launcher;
  private final CoordinatorWatcher watcher;
  /** Shared by the loops (an update rebuilds the loop): no event is lost in the hand-over. */
  private final EventQueue events;
  private final Stopper stopper;
  private final IdleScalers scalers;
  private StatusWatcher statusWatcher;
  /** The loop events go to (replaced when an update rebuilds the runner). */
  private volatile RunLoop loop;
  private TaskConfig task;
  private Runs runs;
  private Lifecycles lifecycles;
  private TaskControl control;

  private TaskRunner(TaskConfig task, RunnerSettings settings, TaskFiles taskFiles,
      RunnerStream stream, Plans plans) throws IOException {
    this.settings = settings;
    this.taskFiles = taskFiles;
    this.stream = stream;
    TaskPaths paths = new TaskPaths(settings.root());
    Optional<TaskCgroup> cgroup = CgroupSwitch.enabled()
        ? TaskCgroup.open(paths, settings.taskId()) : Optional.empty();
    this.stopper = TaskSetup.stopper(settings, cgroup);
    Spawner.Listener spawned = new Spawner.Listener() {
      @Override
      public void exited(int pid, int code) {
        loop.enqueue(new Event.CoordinatorExited(null, pid, code));
      }

      @Override
      public void spawnerEnded(Spawner spawner) {
        loop.enqueue(new Event.SpawnerEnded(spawner));
      }
    };
    this.launcher = new RunLauncher(settings, task.env(),
        cgroup.map(TaskCgroup::dir).orElse(null), spawned);
    this.scalers = new IdleScalers(settings);
    this.events = new EventQueue();
    try {
      build(task, plans);
      this.watcher = new CoordinatorWatcher(paths.checkpointDirectory(settings.taskId()));
    } catch (IOException | RuntimeException e) {
      events.close();
      throw e;
    }
    events.watch(watcher);
  }

  /** Builds what runs {@code task} (all of it but the stream, the launcher and the watcher). */
  private void build(TaskConfig task, Plans plans) {
    this.task = task;
    launcher.setTaskEnv(task.env());
    this.runs = new Runs(task, stream, launcher, stopper, e -> loop.enqueue(e));
    if (lifecycles != null) {
      lifecycles.close();  // an update: the new lifecycles take up the live runs' checks
    }
    this.lifecycles = Lifecycles.of(task, settings, stream, stopper, plans,
        e -> loop.enqueue(e));
    runs.setLifecycles(lifecycles);
    this.control = new TaskControl(task, settings, stream, runs, lifecycles, stopper);
    this.loop = new RunLoop(task, settings, stream, plans, runs, stopper, lifecycles, control,
        scalers, events);
  }

  /**
   * Locks and loads the task's checkpoint (creating it for a new task).
   *
   * @throws InvalidScheduleException when the task's plan cannot be built
   * @throws dev.thermos.format.CheckpointLockedException when a live runner holds the task
   * @throws TerminalTaskException when the task already ended
   * @throws ResumeMismatchException when a resume asks for another task, sandbox or ports than
   *     the checkpoint records
   * @throws RunnerSetupException when the checkpoint, the sandbox or the task file cannot be
   *     created or opened (a read-only or full disk, no permission)
   */
  public static TaskRunner open(TaskConfig task, RunnerSettings settings, RunObserver observer)
      throws IOException, InvalidScheduleException, TerminalTaskException,
      ResumeMismatchException {
    Plans plans = Plans.of(task);
    boolean sandboxExists = Files.exists(settings.sandbox(), LinkOption.NOFOLLOW_LINKS);
    if (sandboxExists) {
      // A link or a file where the sandbox belongs: refused before anything is written.
      SafeDirectory.openLeaf(settings.sandbox(), false).close();
    }
    Replayer replayer = new Replayer();
    CheckpointWriter writer = TaskSetup.setup(() -> TaskSetup.openCheckpoint(settings, replayer));
    try {
      RunnerStream stream = new RunnerStream(RecordSink.of(writer), WriteRetry.onStderr(),
          replayer, record -> observer.onRecord(record, replayer.state()), observer::onBatchEnd);
      TaskState state = stream.taskState();
      if (state != null && Replayer.isTerminal(state)) {
        TaskSetup.finishEnded(stream, settings);
        throw new TerminalTaskException(settings.taskId(), state);
      }
      TaskFiles files = new TaskFiles(new TaskPaths(settings.root()), settings.taskId());
      ResumeCheck.check(stream.state().isSetHeader() ? stream.state().getHeader() : null,
          files.readActive(), task, settings);
      TaskSetup.setup(() -> {
        Files.createDirectories(settings.sandbox().getParent());
        try (SafeDirectory sandbox = SafeDirectory.openLeaf(settings.sandbox(), true)) {
          SandboxMarker.write(sandbox, settings.taskId(), settings.root().toRealPath());
          if (settings.runAs() != null && !sandboxExists) {
            // A sandbox the runner made belongs to the task's user; one given is left as it is.
            sandbox.chown(settings.runAs().uid(), settings.runAs().gid());
          }
        }
        files.writeActive(task);
        if (settings.template() != null) {
          TaskTemplate.writeIfAbsent(new TaskPaths(settings.root())
              .checkpointDirectory(settings.taskId()), settings.template());
        }
        return null;
      });
      return TaskSetup.setup(() -> new TaskRunner(task, settings, files, stream, plans));
    } catch (IOException | TerminalTaskException | ResumeMismatchException | RuntimeException e) {
      writer.close();
      throw e;
    }
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

  /**
   * Runs (or resumes) the task until it reaches a terminal state, and returns that state.
   *
   * @throws CheckpointDeletedException when the checkpoint was deleted meanwhile: every process
   *     of the task has been SIGKILLed
   */
  public TaskState run() throws IOException {
    try {
      LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    } catch (com.sun.jna.LastErrorException e) {
      System.err.println("thermos run: cannot become a child subreaper (errno " + e.getErrorCode()
          + "); orphans of processes may escape");
    }
    TaskState previous = stream.taskState();
    TaskState end;
    launcher.prepare();
    try {
      appendStart(previous);
      watchStatuses();
      while (true) {
        new Recovery(stream, runs, loop, settings, stopper, lifecycles).reconcile(task);
        loop.resumeStop();
        control.recover(settings.nowSecs());
        end = loop.run();
        TaskUpdate update = control.readyUpdate();
        if (update == null) {
          watcher.unwatch();  // the loop takes no more events
          break;
        }
        rebuild(update.next());
      }
    } catch (CheckpointDeletedException e) {
      stopEverything();
      throw e;
    }
    taskFiles.finish();
    return end;
  }

  /**
   * Applies an update whose stopped runs have ended: stores the new task (what a resume runs),
   * then takes the task up again with it as a restarted runner does ({@link Recovery}: live runs
   * adopted, plans replayed from the checkpoint), with the events not handled yet.
   */
  private void rebuild(TaskConfig next) throws IOException {
    // The template first: a runner dying before the task file is replaced applies the update
    // again, and a scale then reads the template of the task it applies.
    stream.flush();
    if (control.updateTemplate() != null) {
      TaskTemplate.write(new TaskPaths(settings.root()).checkpointDirectory(settings.taskId()),
          control.updateTemplate());
    }
    taskFiles.replaceActive(next);
    control.updateStored();
    lifecycles.close();
    runs.closeReaders();
    try {
      build(next, Plans.of(next));
      watchStatuses();  // an update may bring idle-based scaling
    } catch (InvalidScheduleException e) {
      throw new IllegalStateException("an update checked before was refused: " + e.getMessage());
    }
  }

  /** Idle-based scaling: the copies' status files' directory made and watched, if it scales. */
  private void watchStatuses() throws IOException {
    if (statusWatcher == null && scalers.prepare()) {
      statusWatcher = new StatusWatcher(scalers.statusDir(), e -> loop.enqueue(e));
    }
  }

  /** SIGKILLs every process of the task (its checkpoint is gone: nothing can be recorded). */
  private void stopEverything() {
    stopper.killEverything(runs.everyCoordinator());
  }

  private void appendStart(TaskState previous) throws IOException {
    TaskState state = previous == null ? TaskState.ACTIVE : previous;
    RunnerCkpt status = Records.task(state, settings.clock().millis(), LibC.getpid(),
        settings.uid());
    if (stream.state().isSetHeader()) {
      stream.append(status);
      return;
    }
    try {
      // A new task: nothing has started, so a disk that cannot take the first records is a
      // setup error rather than something to wait for.
      stream.appendOnce(java.util.List.of(status, RunnerCkpt.runner_header(header())));
    } catch (CheckpointWriteException e) {
      throw new RunnerSetupException(e);
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
      events.close();
      if (statusWatcher != null) {
        statusWatcher.close();
      }
      lifecycles.close();
      runs.close();
    } finally {
      stream.close();
    }
  }
}
