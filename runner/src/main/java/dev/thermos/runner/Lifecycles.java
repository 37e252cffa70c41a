package dev.thermos.runner;

import dev.thermos.config.HealthCheck;
import dev.thermos.config.Lifecycle;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.StopSignal;
import dev.thermos.config.TaskConfig;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.health.HealthMonitor;
import dev.thermos.health.HealthResult;
import dev.thermos.health.ProbeContext;
import dev.thermos.posix.LibC;
import dev.thermos.format.TaskPaths;
import dev.thermos.supervision.Stopper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What happens to a live run beyond Aurora's runner: it is stopped by its ladder
 * ({@code stop_signals}) when the task ends, when it outlives {@code max_runtime}, or when
 * {@code failures} health checks in a row fail; it is health-checked while it runs, and its first
 * passing check lets {@code depends_on} "healthy" dependents start. Runs on the loop thread.
 */
final class Lifecycles {
  /** Health checks running at once, at most, across the task. */
  private static final int MAX_CONCURRENT_CHECKS = 4;

  private final TaskConfig task;
  private final RunnerStream stream;
  private final RunStops stops;
  private final java.util.function.Supplier<HealthMonitor> monitors;
  /** Made at the first health check (its classes and threads cost start-up time). */
  private HealthMonitor monitor;
  private final HealthStates health = new HealthStates();
  private final HealthFile healthFile;
  private final Function<String, ProbeContext> probeContext;
  private final Consumer<String> onHealthy;
  private final Map<String, Lifecycle> byProcess = new HashMap<>();
  private final Map<String, Integer> watchedRun = new HashMap<>();

  /**
   * @param probeContext where and how a process's {@code cmdline} check runs
   * @param onHealthy told of each process whose run became healthy
   */
  Lifecycles(TaskConfig task, RunnerStream stream, RunStops stops,
      java.util.function.Supplier<HealthMonitor> monitors,
      HealthFile healthFile, Function<String, ProbeContext> probeContext,
      Consumer<String> onHealthy) {
    this.task = task;
    this.stream = stream;
    this.stops = stops;
    this.monitors = monitors;
    this.healthFile = healthFile;
    this.probeContext = probeContext;
    this.onHealthy = onHealthy;
    for (ProcessConfig p : task.processes()) {
      byProcess.put(p.name(), p.options().lifecycle());
    }
  }

  /**
   * The lifecycles of {@code task}'s runs: ladders through {@code stopper}, check results to
   * {@code sink} (called from the checks' threads), health told to {@code plans}.
   */
  static Lifecycles of(TaskConfig task, RunnerSettings settings, RunnerStream stream,
      Stopper stopper, Plans plans, Consumer<Event> sink) {
    Path dir = new TaskPaths(settings.root()).checkpointDirectory(settings.taskId());
    RunStops stops = new RunStops(new StopJournal(dir), new RunStops.Signals() {
      @Override
      public void flag(int coordinatorPid, double forkSecs, int word) {
        stopper.signalCoordinator(coordinatorPid, forkSecs, word);
      }

      @Override
      public void signalRun(int coordinatorPid, double forkSecs, int signal) {
        stopper.signalRun(coordinatorPid, forkSecs, signal);
      }

      @Override
      public void killRun(int coordinatorPid) {
        stopper.killRunButCoordinator(coordinatorPid);
      }
    });
    java.util.function.Supplier<HealthMonitor> monitors = () -> new HealthMonitor(
        r -> sink.accept(new Event.HealthChecked(r)), MAX_CONCURRENT_CHECKS, settings.clock());
    return new Lifecycles(task, stream, stops, monitors, new HealthFile(dir),
        new ProbeContexts(task, settings)::of, plans::markHealthy);
  }

  RunStops stops() {
    return stops;
  }

  /**
   * The ladder of {@code process}: its {@code stop_signals}, or else SIGTERM and Aurora's wait:
   * for the task's end, until the finalization window closes (the end of the window kills what is
   * left); for a failure or a restart, as long as that window would last.
   */
  List<StopSignal> ladder(String process, StopJournal.Reason reason) {
    Lifecycle l = byProcess.getOrDefault(process, Lifecycle.NONE);
    if (l.stopSignals() != null) {
      return l.stopSignals();
    }
    return List.of(new StopSignal("TERM", LibC.SIGTERM, reason == StopJournal.Reason.TASK_END
        ? Double.POSITIVE_INFINITY : task.finalizationWaitSecs()));
  }

  /** The latest run of {@code process} reached RUNNING: its health checks start. */
  void running(String process) {
    HealthCheck check = byProcess.getOrDefault(process, Lifecycle.NONE).healthCheck();
    ProcessStatus last = stream.lastRun(process);
    if (check == null || last == null || last.getState() != ProcessState.RUNNING
        || stops.isStopping(process)) {
      return;
    }
    int run = stream.runCount(process) - 1;
    if (watchedRun.getOrDefault(process, -1) == run) {
      return;
    }
    watchedRun.put(process, run);
    HealthStates.State was = health.get(process);
    if (was == null || was.run() != run) {
      health.started(process, run);
      save();
    } else if (was.health() == HealthStates.Health.UNHEALTHY) {
      return;  // being stopped (recover begins the stop if no ladder was found)
    }
    if (monitor == null) {
      monitor = monitors.get();
    }
    monitor.watch(process, run, check, probeContext.apply(process), last.getStartTime());
  }

  /** The run of {@code process} ended: no more checks, no more ladder. */
  void ended(String process) {
    if (byProcess.getOrDefault(process, Lifecycle.NONE).healthCheck() != null) {
      unwatch(process);
    }
    stops.ended(process);
  }

  /** A check's result: may make the run healthy, or unhealthy and stopped. */
  void checked(HealthResult r, int coordinatorPid, double now) {
    HealthCheck check = byProcess.getOrDefault(r.process(), Lifecycle.NONE).healthCheck();
    ProcessStatus last = stream.lastRun(r.process());
    if (check == null || last == null || last.getState() != ProcessState.RUNNING) {
      return;  // the run ended meanwhile: its last check says nothing
    }
    HealthStates.Change change = health.apply(r, check.failures());
    if (change == HealthStates.Change.NONE || change == HealthStates.Change.COUNTED) {
      return;  // the file says what changed health, not every check (each write is synced)
    }
    if (change == HealthStates.Change.BECAME_UNHEALTHY) {
      // The stop's journal entry first: a runner restarted in between finds the ladder to go on
      // with, whatever the health file says.
      unwatch(r.process());
      stop(r.process(), coordinatorPid, StopJournal.Reason.UNHEALTHY, now);
    }
    save();
    if (change == HealthStates.Change.BECAME_HEALTHY) {
      onHealthy.accept(r.process());
    }
  }

  /** Starts stopping the live run of {@code process} for {@code reason}; its checks end. */
  void stop(String process, int coordinatorPid, StopJournal.Reason reason, double now) {
    if (byProcess.getOrDefault(process, Lifecycle.NONE).healthCheck() != null) {
      unwatch(process);
    }
    stops.begin(process, stream.runCount(process) - 1, coordinatorPid, forkSecs(process), reason,
        ladder(process, reason), now);
  }

  /**
   * Stops the runs that outlived their {@code max_runtime} and sends the ladder steps that are
   * due. {@code live} maps the processes with a live run to their coordinator's pid.
   */
  void tick(Map<String, Integer> live, double now) {
    for (Map.Entry<String, Integer> e : live.entrySet()) {
      if (e.getValue() > 0 && runtimeEnd(e.getKey()) <= now) {
        stop(e.getKey(), e.getValue(), StopJournal.Reason.TIMEOUT, now);
      }
    }
    stops.advance(now);
  }

  /**
   * When something is due next: a ladder step or a run's {@code max_runtime} ({@code live}: as
   * for {@link #tick}; a run whose coordinator is not known yet cannot be stopped, so is no due).
   */
  double nextDueSecs(Map<String, Integer> live) {
    double next = stops.nextDueSecs();
    for (Map.Entry<String, Integer> e : live.entrySet()) {
      if (e.getValue() > 0) {
        next = Math.min(next, runtimeEnd(e.getKey()));
      }
    }
    return next;
  }

  /** When the coordinator of the latest run of {@code process} started; NaN if not recorded. */
  private double forkSecs(String process) {
    ProcessStatus last = stream.lastRun(process);
    return last != null && last.isSetForkTime() ? last.getForkTime() : Double.NaN;
  }

  /** When the live run of {@code process} reaches its {@code max_runtime}; infinity if never. */
  private double runtimeEnd(String process) {
    double max = byProcess.getOrDefault(process, Lifecycle.NONE).maxRuntimeSecs();
    ProcessStatus last = stream.lastRun(process);
    if (max <= 0 || last == null || last.getState() != ProcessState.RUNNING
        || !last.isSetStartTime() || stops.isStopping(process)) {
      return Double.POSITIVE_INFINITY;
    }
    return last.getStartTime() + max;
  }

  /**
   * A restarted runner takes over: the health an earlier one recorded, the stop ladders it had
   * begun on runs still live ({@code live}: process to coordinator pid), then the health checks of
   * the live runs.
   */
  void recover(Map<String, Integer> live, double now) {
    List<StopJournal.Entry> entries = List.of();
    try {
      entries = stops.journal().read();
    } catch (IOException e) {
      System.err.println("thermos run: ignoring the stop journal: " + e.getMessage());
    }
    for (Map.Entry<String, Integer> e : live.entrySet()) {
      stops.resume(e.getKey(), stream.runCount(e.getKey()) - 1, e.getValue(),
          forkSecs(e.getKey()), entries, reason -> ladder(e.getKey(), reason));
    }
    for (Map.Entry<String, Integer> e : live.entrySet()) {
      // Recorded unhealthy, but no ladder was begun (its journal entry could not be written).
      HealthStates.State s = health.get(e.getKey());
      if (s != null && s.health() == HealthStates.Health.UNHEALTHY
          && s.run() == stream.runCount(e.getKey()) - 1 && !stops.isStopping(e.getKey())) {
        stop(e.getKey(), e.getValue(), StopJournal.Reason.UNHEALTHY, now);
      }
    }
    live.keySet().forEach(this::running);
  }

  /**
   * Takes up the health an earlier runner recorded, for the runs that are still the latest: called
   * by a restarted runner before anything else may write the file.
   */
  void restoreHealth() {
    try {
      for (Map.Entry<String, HealthStates.State> e : healthFile.read().entrySet()) {
        HealthStates.State s = e.getValue();
        if (!byProcess.containsKey(e.getKey())) {
          continue;
        }
        if (s.everHealthy()) {
          onHealthy.accept(e.getKey());
        }
        if (s.run() == stream.runCount(e.getKey()) - 1) {
          health.restore(e.getKey(), s);
        }
      }
    } catch (IOException e) {
      System.err.println("thermos run: ignoring the recorded health: " + e.getMessage());
    }
  }

  private void save() {
    try {
      healthFile.write(health.all());
    } catch (IOException e) {
      System.err.println("thermos run: cannot record the health of the task's processes: "
          + e.getMessage());
    }
  }

  void close() {
    if (monitor != null) {
      monitor.close();
    }
  }

  private void unwatch(String process) {
    if (monitor != null) {
      monitor.unwatch(process);
    }
  }
}
