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
import java.util.HashMap;
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
  /** Launches built ahead ({@link #prepare}), by process. */
  private final Map<String, Prepared> prepared = new HashMap<>();

  /**
   * A launch built before its time: its spec and the spawner's request, good for one run (its
   * number and first sequence number) while the sandbox's profile stays as it was.
   */
  private record Prepared(ProcessConfig process, Map<String, String> taskEnv, int run,
      long forkedSeq, boolean profile, LaunchSpec spec, byte[] request) {
    /** Built from these (the very objects: an update brings new ones) for this run. */
    boolean of(ProcessConfig process, Map<String, String> taskEnv, int run, long forkedSeq) {
      return this.process == process && this.taskEnv == taskEnv && this.run == run
          && this.forkedSeq == forkedSeq;
    }

    boolean matches(ProcessConfig process, Map<String, String> taskEnv, int run, long forkedSeq,
        boolean profile) {
      return of(process, taskEnv, run, forkedSeq) && this.profile == profile;
    }
  }

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
      spawner();
    } catch (IOException e) {
      spawner = null;
    }
  }

  /** The task's {@code env} for the launches from now on ({@code thermos update}). */
  void setTaskEnv(Map<String, String> env) {
    this.taskEnv = Map.copyOf(env);
    prepared.clear();  // an update: the processes' configurations may have changed too
  }

  Path coordinatorCheckpoint(String process) {
    return paths.coordinatorCheckpoint(settings.taskId(), process);
  }

  /**
   * A launch asked of the spawner and not answered yet; {@code spawner} null when the request was
   * lost.
   */
  record Submitted(ProcessConfig process, LaunchSpec spec, byte[] request, Spawner spawner) {}

  /**
   * Asks for the coordinator of run number {@code run} of {@code process}, which writes FORKED
   * with {@code forkedSeq}, then RUNNING and the end with the following numbers: it sets itself up
   * and waits for {@link #go} before it forks the command. {@link #complete} takes the answer.
   * Coordinators are forked by a {@link Spawner} started on first use, and again after one died; a
   * request that could not be sent is made again by {@link #complete}.
   */
  Submitted submit(ProcessConfig process, int run, long forkedSeq) {
    Prepared launch = prepared.remove(process.name());
    boolean profile = ProcessEnvironment.hasProfile(settings);
    if (launch == null || !launch.matches(process, taskEnv, run, forkedSeq, profile)) {
      launch = build(process, run, forkedSeq, profile);
    }
    try {
      Spawner used = spawner();
      used.submit(launch.spec(), launch.request());
      return new Submitted(process, launch.spec(), launch.request(), used);
    } catch (IOException e) {
      spawner = null;  // gone, or could not start: complete() tries again, and reports
      return new Submitted(process, launch.spec(), launch.request(), null);
    }
  }

  /**
   * The coordinator {@code submitted} asked for. When the spawner died before answering, the
   * coordinator it may have forked is looked for ({@link StrayCoordinators}): if there is one, it
   * is the launch (it will not go: its go pipe ended with the spawner, so it exits
   * {@link dev.thermos.launch.CoordinatorExit#NOT_LAUNCHED} and the run is launched again). If
   * there is none, the launch was lost: it is made again with a new spawner (the run stays
   * WAITING; nothing is recorded and nothing counts as a failure), up to
   * {@link #MAX_LOST_LAUNCHES} times in a row.
   *
   * @param known the pids of the coordinators of the live runs
   * @throws IOException when the launch failed
   */
  Launched complete(Submitted submitted, Collection<Integer> known) throws IOException {
    LaunchSpec spec = submitted.spec();
    Spawner used = submitted.spawner();
    for (int lost = 0; ; lost++) {
      try {
        if (used == null) {
          used = spawner();
          used.submit(spec, submitted.request());
        }
        return new Launched(used.awaitSpawned(), used);
      } catch (SpawnerGoneException e) {
        if (spawner == used) {
          spawner = null;
        }
        int stray = StrayCoordinators.forkedBy(used, known);
        if (stray > 0) {
          System.err.println("thermos run: " + e.getMessage() + " of " + spec.process()
              + " after forking its coordinator (pid " + stray + "); following it");
          return new Launched(stray, used);
        }
        if (lost >= MAX_LOST_LAUNCHES) {
          throw new IOException("the spawner died " + lost + " times in a row during the launch", e);
        }
        System.err.println("thermos run: " + e.getMessage() + " of " + spec.process()
            + " before forking it; launching it again");
        used = null;
      }
    }
  }

  /**
   * Lets {@code launched} fork its command: its WAITING record is durable. A spawner gone by now
   * cannot tell it; the coordinator then exits
   * {@link dev.thermos.launch.CoordinatorExit#NOT_LAUNCHED} and the run is launched again.
   */
  void go(Launched launched) {
    try {
      launched.spawner().go(launched.coordinatorPid());
    } catch (IOException e) {
      if (spawner == launched.spawner()) {
        spawner = null;  // gone: see above; the next launch starts another
      }
    }
  }

  /** The spawner, started first if there is none or it died. */
  private Spawner spawner() throws IOException {
    if (spawner == null || !spawner.isAlive()) {
      spawner = Spawner.start(binary, cgroup, listener);
    }
    return spawner;
  }


  /**
   * Builds the launch of run number {@code run} of {@code process} now, while the loop has nothing
   * else to do, so that {@link #launch} finds it ready: the spec, its environment and the
   * spawner's request are most of the Java work between one process's end and the next one's
   * start in a chain. Kept until that launch, or rebuilt there if the run, its sequence numbers or
   * the sandbox's profile turn out different.
   */
  void prepare(ProcessConfig process, int run, long forkedSeq) {
    Prepared launch = prepared.get(process.name());
    if (launch != null && launch.of(process, taskEnv, run, forkedSeq)) {
      return;  // built already (the profile is looked at again by the launch)
    }
    try {
      prepared.put(process.name(), build(process, run, forkedSeq,
          ProcessEnvironment.hasProfile(settings)));
    } catch (RuntimeException e) {
      // Built ahead of need: a launch that cannot be built is the launch's to report, if it comes.
      prepared.remove(process.name());
    }
  }

  private Prepared build(ProcessConfig process, int run, long forkedSeq, boolean profile) {
    Path logDir = settings.logDir();
    Map<String, String> environment =
        ProcessEnvironment.of(settings, marker, taskEnv, process.options().env(), profile);
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
    return new Prepared(process, taskEnv, run, forkedSeq, profile, spec, Spawner.request(spec));
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
