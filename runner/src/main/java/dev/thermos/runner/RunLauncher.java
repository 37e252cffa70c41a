package dev.thermos.runner;

import dev.thermos.config.LoggerConfig;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.RotatePolicy;
import dev.thermos.format.TaskPaths;
import dev.thermos.launch.CoordinatorBinary;
import dev.thermos.launch.LaunchOptions;
import dev.thermos.launch.LaunchSpec;
import dev.thermos.launch.LogSpec;
import dev.thermos.launch.Spawner;
import dev.thermos.supervision.TaskMarker;
import dev.thermos.launch.SpawnerGoneException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** Starts the coordinator of one run of a process: paths, logs and environment from the task. */
final class RunLauncher {
  /** Launches of one run lost in a row to a dying spawner before it counts as a launch failure. */
  private static final int MAX_LOST_LAUNCHES = 10;

  private final RunnerSettings settings;
  private Map<String, String> taskEnv;
  private final TaskPaths paths;
  private final Path binary = CoordinatorBinary.locate();
  private final TaskMarker marker;
  private final Path cgroup;
  private final Spawner.Listener listener;
  private Spawner spawner;

  /**
   * {@code taskEnv}: the task's {@code env}; {@code cgroup}: the task's cgroup directory, which
   * the spawner joins so that coordinators are born in it; null when there is none.
   */
  RunLauncher(RunnerSettings settings, Map<String, String> taskEnv, Path cgroup,
      Spawner.Listener listener) {
    this.settings = settings;
    this.taskEnv = Map.copyOf(taskEnv);
    this.cgroup = cgroup;
    this.listener = listener;
    this.paths = new TaskPaths(settings.root());
    this.marker = TaskMarker.of(settings.root(), settings.taskId());
  }

  /**
   * Starts the spawner now rather than at the first launch, so that its start (an exec, its move
   * into the task's cgroup: ~10 ms, mostly the kernel's) overlaps the runner's first records. A
   * spawner that cannot start is left to the first launch, which reports it as before.
   */
  void prepare() {
    try {
      if (spawner == null) {
        spawner = Spawner.start(binary, cgroup, listener);
      }
    } catch (IOException e) {
      spawner = null;
    }
  }

  /** The task's {@code env} for the launches from now on ({@code thermos update}). */
  void setTaskEnv(Map<String, String> env) {
    this.taskEnv = Map.copyOf(env);
  }

  Path coordinatorCheckpoint(String process) {
    return paths.coordinatorCheckpoint(settings.taskId(), process);
  }

  /**
   * Starts run number {@code run} of {@code process}; the coordinator writes FORKED with
   * {@code forkedSeq}, then RUNNING and the end with the following numbers. Coordinators are
   * forked by a {@link Spawner} started on first use, and again after one died.
   *
   * <p>When the spawner dies during the request, the coordinator it may have forked is looked for
   * ({@link StrayCoordinators}): if there is one, it is the launch. If there is none, the launch
   * was lost: it is made again with a new spawner (the run stays WAITING; nothing is recorded and
   * nothing counts as a failure), up to {@link #MAX_LOST_LAUNCHES} times in a row.
   *
   * @param known the pids of the coordinators of the live runs
   * @throws IOException when the launch failed
   */
  Launched launch(ProcessConfig process, int run, long forkedSeq, Collection<Integer> known)
      throws IOException {
    Path logDir = settings.logDir();
    Map<String, String> environment =
        ProcessEnvironment.of(settings, marker, taskEnv, process.options().env());
    LaunchSpec spec = new LaunchSpec(
        coordinatorCheckpoint(process.name()),
        process.name(),
        forkedSeq,
        settings.sandbox(),
        TaskPaths.stdout(logDir, process.name(), run),
        TaskPaths.stderr(logDir, process.name(), run),
        logSpec(process.logger()),
        process.cmdline(),
        environment,
        new LaunchOptions(process.options().workingDir(), process.options().successCodes(),
            settings.runAs()),
        // Without bash only when no profile is there for bash to source (BASH_ENV).
        !process.shell() && !environment.containsKey("BASH_ENV"));
    for (int lost = 1; ; lost++) {
      try {
        return launch(spec, known);
      } catch (SpawnerGoneException e) {
        if (lost >= MAX_LOST_LAUNCHES) {
          throw new IOException("the spawner died " + lost + " times in a row during the launch", e);
        }
        System.err.println("thermos run: " + e.getMessage() + " of " + process.name()
            + " before forking it; launching it again");
      }
    }
  }

  private Launched launch(LaunchSpec spec, Collection<Integer> known) throws IOException {
    if (spawner == null || !spawner.isAlive()) {
      spawner = Spawner.start(binary, cgroup, listener);
    }
    Spawner used = spawner;
    try {
      return new Launched(used.spawn(spec), used);
    } catch (SpawnerGoneException e) {
      spawner = null;
      int stray = StrayCoordinators.forkedBy(used, known);
      if (stray > 0) {
        System.err.println("thermos run: " + e.getMessage() + " of " + spec.process()
            + " after forking its coordinator (pid " + stray + "); following it");
        return new Launched(stray, used);
      }
      throw e;
    }
  }

  /** Lets the spawner end; coordinators it forked go on. */
  void close() throws IOException {
    if (spawner != null) {
      spawner.close();
    }
  }

  private static LogSpec logSpec(LoggerConfig logger) {
    if (logger == null) {
      return LogSpec.standardFiles();
    }
    RotatePolicy rotate = logger.rotate() == null ? RotatePolicy.defaults() : logger.rotate();
    return new LogSpec(LogSpec.Destination.valueOf(logger.destination().name()),
        LogSpec.Mode.valueOf(logger.mode().name()), rotate.logSizeBytes(), rotate.backups());
  }
}
