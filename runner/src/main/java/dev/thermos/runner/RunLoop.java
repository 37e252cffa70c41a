package dev.thermos.runner;

import dev.thermos.config.TaskConfig;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.planner.TaskPlanner;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.Stopper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runner's single thread. It drains events (coordinator records and exits, stop requests),
 * turns them into transitions appended to the checkpoint (durable before anything acts on them),
 * asks the plans what to do next, acts, and sleeps until the next event or timer. No polling.
 *
 * <pre>
 *   ACTIVE      run the regular plan (launching nothing while held or draining, restarts
 *               aside: {@link TaskControl}); when it is complete or the task unhealthy (or a stop
 *               is requested, or a drain is over): CLEANING
 *   CLEANING    SIGTERM every live run; wait until they ended or the finalization window closed;
 *               then FINALIZING if time remains, else straight to the terminal state
 *   FINALIZING  SIGKILL leftovers; run the final plan until complete, deadlocked or out of time
 *   terminal    SUCCESS if healthy, else FAILED (or KILLED/LOST when asked); SIGKILL what is left
 * </pre>
 *
 * The finalization window ({@code finalization_wait}) counts from the CLEANING record.
 */
final class RunLoop {
  private static final long SETTLE_MILLIS = 5_000;

  private final TaskConfig task;
  private final RunnerSettings settings;
  private final RunnerStream stream;
  private final Plans plans;
  private final Runs runs;
  private final Stopper stopper;
  private final Stops stops;
  private final Lifecycles lifecycles;
  private final TaskControl control;
  private final IdleScalers scalers;
  private final EventQueue events;
  private double deadline = Double.POSITIVE_INFINITY;

  RunLoop(TaskConfig task, RunnerSettings settings, RunnerStream stream, Plans plans, Runs runs,
      Stopper stopper, Lifecycles lifecycles, TaskControl control, IdleScalers scalers,
      EventQueue events) {
    this.task = task;
    this.events = events;
    this.settings = settings;
    this.stream = stream;
    this.plans = plans;
    this.runs = runs;
    this.stopper = stopper;
    this.lifecycles = lifecycles;
    this.control = control;
    this.scalers = scalers;
    this.stops = new Stops(new StopMarker(
        new TaskPaths(settings.root()).stopRequest(settings.taskId())));
  }

  /** Thread-safe: how other threads (watchers, exit callbacks, signal handlers) reach the loop. */
  void enqueue(Event event) {
    events.add(event);
  }

  /** Sets where the finalization window ends (a restarted runner in CLEANING or FINALIZING). */
  void resumeWindow(double cleaningStartSecs) {
    deadline = cleaningStartSecs + task.finalizationWaitSecs();
  }

  /** A run started outside the loop's own launching (a restart replaying the checkpoint). */
  void runStarted(String process) {
    plans.started(process);
  }

  /** A run's RUNNING, replayed from the checkpoint by a restarted runner. */
  void runReachedRunning(String process) {
    plans.markStarted(process);
  }

  /**
   * Tells the plans of the processes among {@code processes} whose latest run has reached
   * RUNNING (it has a start time): what {@code depends_on} "started" waits for.
   */
  void noteStarted(Iterable<String> processes) {
    for (String p : processes) {
      ProcessStatus last = stream.lastRun(p);
      // A process an update removed may still write (its coordinator ends after the rebuild).
      if (last != null && last.isSetStartTime() && plans.has(p)) {
        plans.markStarted(p);
        lifecycles.running(p);
      }
    }
  }

  /** A run ended outside the loop's own event handling (recovery). */
  void runEnded(String process, ProcessStatus run, double now) {
    plans.ended(process, run, now);
  }

  /**
   * Runs the task to a terminal state and returns it; returns ACTIVE early when an update is
   * ready to be applied ({@link TaskControl#readyUpdate}).
   */
  TaskState run() throws IOException {
    while (!Replayer.isTerminal(stream.taskState())) {
      // One time for the step and the wait after it: with two, a process whose gate opened in
      // between would be neither launched (closed at the first) nor waited for (open at the
      // second, so "runnable", which means "wait for an event"): the loop would sleep for ever.
      double now = settings.nowSecs();
      if (!step(now)) {
        if (control.readyUpdate() != null) {
          break;
        }
        prepareAhead();
        handle(events.awaitFlushingLazily(stream, awaitMillis(now)));
      }
    }
    stream.flush();
    return stream.taskState();
  }

  /** Advances the stage machine once; true when the stage changed (step again at once). */
  private boolean step(double now) throws IOException {
    lifecycles.tick(runs.liveCoordinators(), now);
    if (stream.taskState() == TaskState.ACTIVE) {
      scalers.tick(now, control.launchesStopped());
    }
    switch (stream.taskState()) {
      case ACTIVE -> {
        if (stops.forcedEnd() == null) {
          launchRunnable(plans.regular(), now);
        }
        if (stops.forcedEnd() != null || plans.regular().isComplete() || !plans.healthy(now)
            || control.drained(runs.isEmpty(), now)) {
          enterCleaning(now);
          return true;
        }
        return false;
      }
      case CLEANING -> {
        if (runs.isEmpty() || now >= deadline) {
          if (now < deadline) {
            enterFinalizing();
          } else {
            enterTerminal(now);
          }
          return true;
        }
        return false;
      }
      case FINALIZING -> {
        TaskPlanner finals = plans.finalizing();
        if (now < deadline) {
          launchRunnable(finals, now);
        }
        if (now >= deadline || finals.isComplete() || finals.deadlocked(now)) {
          enterTerminal(now);
          return true;
        }
        return false;
      }
      default -> throw new IllegalStateException("no stage for " + stream.taskState());
    }
  }

  private void launchRunnable(TaskPlanner plan, double now) throws IOException {
    Set<String> candidates = new LinkedHashSet<>(control.restartsDue(plan, now));
    if (plan != plans.regular() || !control.launchesStopped()) {
      for (String p : plan.running()) {
        ProcessStatus last = stream.lastRun(p);
        if (!runs.isLive(p) && last != null && last.getState() == ProcessState.WAITING) {
          candidates.add(p);  // a restarted runner: WAITING recorded, never launched
        }
      }
      candidates.addAll(plan.runnableAt(now));
    }
    int active = runs.countIn(plan.running());
    List<String> start = new ArrayList<>();
    for (String p : candidates) {
      if (task.maxConcurrency() > 0 && active >= task.maxConcurrency()) {
        break;
      }
      if (!runs.isLive(p)) {
        start.add(p);
        active++;
      }
    }
    for (String p : start) {
      plans.started(p);
      control.started(p);
    }
    for (ProcessStatus failed : runs.start(start)) {
      plans.ended(failed.getProcess(), failed, now);
    }
  }

  /**
   * Builds the launches the next event may call for, before waiting for it: those of the
   * processes next in line behind running ones ({@link TaskPlanner#nextInLine}).
   */
  private void prepareAhead() {
    TaskPlanner plan = switch (stream.taskState()) {
      case ACTIVE -> control.launchesStopped() ? null : plans.regular();
      case FINALIZING -> plans.finalizing();
      default -> null;
    };
    if (plan != null) {
      runs.prepare(plan.nextInLine());
    }
  }

  private void enterCleaning(double now) throws IOException {
    // The window counts from the CLEANING record's own time, as a restarted runner counts it.
    long stamp = appendTask(TaskState.CLEANING);
    deadline = stops.now() ? now : stamp / 1000.0 + task.finalizationWaitSecs();
    runs.terminateAll(now);
  }

  private void enterFinalizing() throws IOException {
    appendTask(TaskState.FINALIZING);
    runs.killAll();
  }

  private void enterTerminal(double now) throws IOException {
    TaskState end = stops.forcedEnd() != null ? stops.forcedEnd()
        : plans.healthy(now) ? TaskState.SUCCESS : TaskState.FAILED;
    appendTask(end);
    runs.killAll();
    long until = System.currentTimeMillis() + SETTLE_MILLIS;
    while (!runs.isEmpty() && System.currentTimeMillis() < until) {
      stream.flush();
      handle(events.poll(until - System.currentTimeMillis()));
    }
    runs.abandonAll(settings.nowSecs());
    stream.flush();
    stopper.killEverything(runs.everyCoordinator());
  }

  /** Appends a task status; returns its timestamp (ms). */
  private long appendTask(TaskState state) throws IOException {
    long stamp = settings.clock().millis();
    stream.append(Records.task(state, stamp, LibC.getpid(), settings.uid()));
    return stamp;
  }

  /**
   * How long the loop may sleep after a step at {@code now}: until the next timer, or for ever
   * (Long.MAX_VALUE).
   */
  private long awaitMillis(double now) {
    double until = switch (stream.taskState()) {
      case ACTIVE -> Math.min(Math.min(control.wakeSecs(),
          scalers.dueSecs(control.launchesStopped())),
          now + positiveOrInfinite(plans.regular().minWait(now)));
      case CLEANING -> deadline;
      default -> Math.min(deadline, now + positiveOrInfinite(plans.finalizing().minWait(now)));
    };
    until = Math.min(until, Math.max(now, lifecycles.nextDueSecs(runs.liveCoordinators())));
    if (Double.isInfinite(until)) {
      return Long.MAX_VALUE;
    }
    return (long) Math.ceil(Math.max(0, until - now) * 1000);
  }

  /** Zero means "something runnable", which launchRunnable just started or concurrency holds. */
  private static double positiveOrInfinite(double wait) {
    return wait > 0 ? wait : Double.POSITIVE_INFINITY;
  }

  private void handle(List<Event> batch) throws IOException {
    Set<String> dirty = new LinkedHashSet<>();
    List<Event.CoordinatorExited> exits = new ArrayList<>();
    for (Event e : batch) {
      if (e instanceof Event.CoordinatorWrote w) {
        dirty.add(w.process());
      } else if (e instanceof Event.CoordinatorExited x) {
        String process = x.process() != null ? x.process() : runs.processOf(x.coordinatorPid());
        if (process != null) {
          dirty.add(process);
          exits.add(new Event.CoordinatorExited(process, x.coordinatorPid(), x.exitCode()));
        }
      } else if (e instanceof Event.SpawnerEnded s) {
        runs.spawnerEnded(s.spawner());
      } else if (e instanceof Event.Stop s) {
        requestStop(s.request());
      } else if (e instanceof Event.CheckpointRemoved) {
        stream.checkNotDeleted();
      }
    }
    double now = settings.nowSecs();
    if (has(batch, Event.StatusChanged.class)) {
      scalers.statusChanged();
    }
    if (has(batch, Event.ControlWritten.class)) {
      control.poll(now);
    }
    if (dirty.remove(CoordinatorWatcher.ALL)) {
      dirty.addAll(runs.liveCoordinators().keySet());  // an overflow: every live run may have news
    }
    for (ProcessStatus ended : runs.copyRecords(dirty)) {
      plans.ended(ended.getProcess(), ended, now);
    }
    noteStarted(dirty);
    if (stream.taskState() == TaskState.CLEANING) {
      runs.terminateLateStarters(now);
    }
    for (Event.CoordinatorExited x : exits) {
      ProcessStatus ended = runs.finish(x, now);
      if (ended != null) {
        plans.ended(x.process(), ended, now);
      }
    }
    for (Event e : batch) {
      if (e instanceof Event.HealthChecked h) {
        lifecycles.checked(h.result(), runs.coordinatorOf(h.result().process()), now);
      }
    }
  }

  private static boolean has(List<Event> batch, Class<? extends Event> kind) {
    for (Event e : batch) {
      if (kind.isInstance(e)) {
        return true;
      }
    }
    return false;
  }

  private void requestStop(StopRequest request) {
    stops.request(request);
    if (stops.now()) {
      deadline = Math.min(deadline, settings.nowSecs());
    }
  }

  /** Carries out a stop that an earlier runner of this task recorded but did not finish. */
  void resumeStop() {
    if (stops.resume() && stops.now()) {
      deadline = Math.min(deadline, settings.nowSecs());
    }
  }
}
