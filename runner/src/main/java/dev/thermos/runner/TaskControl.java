package dev.thermos.runner;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.StopSignal;
import dev.thermos.config.TaskConfig;
import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlRequest;
import dev.thermos.control.ControlState;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import dev.thermos.planner.TaskPlanner;
import dev.thermos.supervision.Stopper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests made to the task's runner through {@link ControlLog} ({@code thermos hold},
 * {@code release}, {@code drain}, {@code restart}, {@code signal}), as the run loop uses them. The
 * loop reads new requests when the file changes (inotify: {@link Event.ControlWritten}); states are
 * replayed from every line, so a restarted runner has them too; actions are carried out once:
 *
 * <pre>
 *   restart P   the live run of P is stopped by its ladder, journaled with reason "restart" (the
 *               coordinator records the end KILLED: no failure counted); when it has ended, P
 *               starts again at once (its min_duration and backoff are skipped). A P with no live
 *               run starts at once if it is waiting to be run again.
 *   signal P S  S to the process group of P's live run (KILL: every process of it but the
 *               coordinator, which then records the end).
 *   update T    nothing is launched; the live runs of the processes T removes or changes are
 *               stopped by their ladders (reason "update", ended KILLED); once they ended, the
 *               loop returns and the runner rebuilds itself with T as a restarted runner would
 *               ({@link TaskRunner}), T stored as the task file first; changed processes start
 *               again at once, added ones as their plan says. Later requests wait for it.
 * </pre>
 *
 * {@code control.done} moves past an action right after its durable effect (the stop journal's
 * entry of a restart, the signal sent; an update once its task is stored), and past states once
 * applied (what the commands wait for): a runner that dies before that carries the action out
 * again once restarted. A restart (or update) the stop journal holds for a process's latest run
 * is still to be completed (the run started again at once) by a restarted runner. Runs on the
 * loop thread.
 */
final class TaskControl {
  private final ControlLog log;
  private final RunnerStream stream;
  private final Runs runs;
  private final Lifecycles lifecycles;
  private final Stopper stopper;
  private final Set<String> processes = new HashSet<>();
  private final Set<String> restarts = new LinkedHashSet<>();
  private final TaskConfig task;
  private TaskUpdate pending;
  private String pendingTemplate;
  private long pendingEnd;
  private ControlState state = ControlState.NONE;
  private long readOffset;
  private long done;

  TaskControl(TaskConfig task, RunnerSettings settings, RunnerStream stream, Runs runs,
      Lifecycles lifecycles, Stopper stopper) {
    this.log = new ControlLog(
        new TaskPaths(settings.root()).checkpointDirectory(settings.taskId()));
    this.stream = stream;
    this.runs = runs;
    this.lifecycles = lifecycles;
    this.stopper = stopper;
    this.task = task;
    for (ProcessConfig p : task.processes()) {
      processes.add(p.name());
    }
  }

  /** Nothing new may be launched in the regular plan (held or draining); restarts aside. */
  boolean launchesStopped() {
    return state.launchesStopped() || pending != null;
  }

  /** The update to rebuild the runner with, once the runs it stops have ended; else null. */
  TaskUpdate readyUpdate() {
    if (pending == null || stream.taskState() != TaskState.ACTIVE) {
      return null;
    }
    for (String p : pending.stopped()) {
      if (runs.isLive(p)) {
        return null;
      }
    }
    return pending;
  }

  /** The template of the pending update's task ({@link TaskTemplate}), or null. */
  String updateTemplate() {
    return pendingTemplate;
  }

  /** The updated task is stored: its request is done. */
  void updateStored() {
    recordDone(pendingEnd);
  }

  /** A drain is over: no run is left ({@code idle}) or its wait has ended. */
  boolean drained(boolean idle, double now) {
    return state.draining() && (idle || now >= state.drainEndSecs());
  }

  /** When the loop must wake for a drain's end; infinity when never. */
  double wakeSecs() {
    return state.draining() ? state.drainEndSecs() : Double.POSITIVE_INFINITY;
  }

  /**
   * The processes of {@code plan} restarted and to be started now: their run has ended, their
   * dependencies are done (the clock gate is skipped). None while draining.
   */
  List<String> restartsDue(TaskPlanner plan, double now) {
    List<String> due = new ArrayList<>();
    if (state.draining() || pending != null || restarts.isEmpty()) {
      return due;
    }
    List<String> ready = new ArrayList<>(plan.runnableAt(now));
    ready.addAll(plan.waitingAt(now));
    for (String p : restarts) {
      if (ready.contains(p) && !runs.isLive(p)) {
        due.add(p);
      }
    }
    return due;
  }

  /** A run of {@code process} was started: its restart, if any, is complete. */
  void started(String process) {
    restarts.remove(process);
  }

  /**
   * A runner takes over (after {@link Lifecycles#recover}): the restarts whose ladder the stop
   * journal holds for a latest run, every state, and the actions not carried out yet.
   */
  void recover(double now) {
    try {
      for (StopJournal.Entry e : lifecycles.stops().journal().read()) {
        if ((e.reason() == StopJournal.Reason.RESTART || e.reason() == StopJournal.Reason.UPDATE)
            && e.run() == stream.runCount(e.process()) - 1) {
          restarts.add(e.process());
        }
      }
    } catch (IOException e) {
      System.err.println("thermos run: ignoring the stop journal's restarts: " + e.getMessage());
    }
    try {
      done = log.readDone();
    } catch (IOException e) {
      System.err.println("thermos run: ignoring " + ControlLog.DONE + ": " + e.getMessage());
    }
    readOffset = 0;
    poll(now);
  }

  /**
   * The request file changed (or a runner starts): takes in the states of the requests after the
   * last read, carries out the actions among them not done yet, then records how far it got.
   */
  void poll(double now) {
    if (pending != null) {
      return;  // read again by the rebuilt runner
    }
    ControlLog.Batch batch;
    try {
      batch = log.read(readOffset);
    } catch (IOException e) {
      System.err.println("thermos run: cannot read the control requests: " + e.getMessage());
      return;
    }
    readOffset = batch.end();
    for (ControlRequest r : batch.requests()) {
      state = state.apply(r);
      if (r.verb() == ControlRequest.Verb.UPDATE && r.offset() >= done) {
        if (update(r, now)) {
          readOffset = r.end();
          break;
        }
        recordDone(r.end());
      } else if (r.verb().isAction() && r.offset() >= done) {
        carryOut(r, now);
        recordDone(r.end());
      }
    }
    if (pending != null) {
      readOffset = Math.min(readOffset, pendingEnd);
      if (pendingEnd > done) {
        return;  // done moves past the update once the new task is stored
      }
    }
    if (readOffset > done) {
      recordDone(readOffset);  // the states are applied: what the commands wait for
    }
  }

  /** Starts the update {@code r} asks for; false when it is refused (said on stderr). */
  private boolean update(ControlRequest r, double now) {
    if (stream.taskState() != TaskState.ACTIVE) {
      System.err.println("thermos run: not updating the task: it is ending ("
          + stream.taskState() + ")");
      return false;
    }
    TaskUpdate u;
    try {
      u = TaskUpdate.of(task, r.task());
    } catch (dev.thermos.config.InvalidTaskException
        | dev.thermos.planner.InvalidScheduleException e) {
      System.err.println("thermos run: not updating the task: " + e.getMessage());
      return false;
    }
    System.err.println("thermos run: updating the task: " + u.describe());
    pending = u;
    pendingTemplate = r.template();
    pendingEnd = r.end();
    for (String p : u.stopped()) {
      int coordinator = runs.coordinatorOf(p);
      if (coordinator > 0) {
        lifecycles.stop(p, coordinator, StopJournal.Reason.UPDATE, now);
      }
    }
    return true;
  }

  private void carryOut(ControlRequest r, double now) {
    String refused = refusal(r);
    if (refused != null) {
      System.err.println("thermos run: not carrying out " + r.verb().jsonName() + " "
          + r.process() + ": " + refused);
    } else if (r.verb() == ControlRequest.Verb.RESTART) {
      restart(r.process(), now);
    } else {
      signal(r.process(), StopSignal.controlNumber(r.signal()));
    }
  }

  private void recordDone(long offset) {
    try {
      log.writeDone(offset);
      done = offset;
    } catch (IOException e) {
      System.err.println("thermos run: cannot record that requests were carried out ("
          + e.getMessage() + "); a restarted runner would carry them out again");
    }
  }

  /** Why {@code r} is not carried out, or null. */
  private String refusal(ControlRequest r) {
    if (!processes.contains(r.process())) {
      return "no such process";
    }
    if (stream.taskState() != TaskState.ACTIVE) {
      return "the task is ending (" + stream.taskState() + ")";
    }
    if (r.verb() == ControlRequest.Verb.SIGNAL) {
      if (StopSignal.controlNumber(r.signal()) == null) {
        return "no signal " + r.signal();
      }
      if (runs.coordinatorOf(r.process()) <= 0) {
        return "no live run";
      }
    }
    return null;
  }

  private void restart(String process, double now) {
    int coordinator = runs.coordinatorOf(process);
    if (coordinator > 0) {
      lifecycles.stop(process, coordinator, StopJournal.Reason.RESTART, now);
    }
    restarts.add(process);
  }

  private void signal(String process, int number) {
    int coordinator = runs.coordinatorOf(process);
    if (number == 9) {
      stopper.killRunButCoordinator(coordinator);
    } else {
      dev.thermos.gen.ProcessStatus last = stream.lastRun(process);
      stopper.signalRun(coordinator,
          last != null && last.isSetForkTime() ? last.getForkTime() : Double.NaN, number);
    }
  }
}
