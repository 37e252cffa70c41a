package dev.thermos.runner;

import dev.thermos.config.LoggerConfig;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.RotatePolicy;
import dev.thermos.format.TaskPaths;
import dev.thermos.launch.CoordinatorBinary;
import dev.thermos.launch.LaunchSpec;
import dev.thermos.launch.LogSpec;
import dev.thermos.launch.Spawner;
import dev.thermos.supervision.TaskMarker;
import java.io.IOException;
import java.nio.file.Path;

/** Starts the coordinator of one run of a process: paths, logs and environment from the task. */
final class RunLauncher {
  private final RunnerSettings settings;
  private final TaskPaths paths;
  private final Path binary = CoordinatorBinary.locate();
  private final TaskMarker marker;
  private final Path cgroup;
  private final Spawner.Listener listener;
  private Spawner spawner;

  /**
   * {@code cgroup}: the task's cgroup directory, which the spawner joins so that coordinators are
   * born in it; null when there is none.
   */
  RunLauncher(RunnerSettings settings, Path cgroup, Spawner.Listener listener) {
    this.settings = settings;
    this.cgroup = cgroup;
    this.listener = listener;
    this.paths = new TaskPaths(settings.root());
    this.marker = TaskMarker.of(settings.root(), settings.taskId());
  }

  Path coordinatorCheckpoint(String process) {
    return paths.coordinatorCheckpoint(settings.taskId(), process);
  }

  /**
   * Starts run number {@code run} of {@code process} and returns its coordinator's pid; the
   * coordinator writes FORKED with {@code forkedSeq}, then RUNNING and the end with the following
   * numbers. Coordinators are forked by a {@link Spawner} started on first use.
   */
  int launch(ProcessConfig process, int run, long forkedSeq) throws IOException {
    Path logDir = settings.logDir();
    LaunchSpec spec = new LaunchSpec(
        coordinatorCheckpoint(process.name()),
        process.name(),
        forkedSeq,
        settings.sandbox(),
        TaskPaths.stdout(logDir, process.name(), run),
        TaskPaths.stderr(logDir, process.name(), run),
        logSpec(process.logger()),
        process.cmdline(),
        ProcessEnvironment.of(settings, marker));
    if (spawner == null || !spawner.isAlive()) {
      spawner = Spawner.start(binary, cgroup, listener);
    }
    return spawner.spawn(spec);
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
