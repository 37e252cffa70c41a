package dev.thermos.runner;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.format.Records;
import dev.thermos.launch.CoordinatorExit;
import dev.thermos.launch.Spawner;
import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.Stopper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The runs under supervision: launching them (WAITING first, durably), copying their coordinators'
 * records into the runner's checkpoint, ending them when their coordinator exits, and stopping
 * them. Runs on the loop thread only.
 */
final class Runs {
  /** Launches built ahead per wait of the loop, at most. */
  private static final int MAX_PREPARED = 16;

  private final TaskConfig task;
  private final RunnerStream stream;
  private final RunLauncher launcher;
  private final Stopper stopper;
  private final Consumer<Event> sink;
  private final Map<String, LiveRun> live = new LinkedHashMap<>();
  private final CoordinatorReaders readers;
  private final Set<Integer> everyCoordinator = new HashSet<>();
  private Lifecycles lifecycles;
  private final Map<String, ProcessConfig> configs = new HashMap<>();

  Runs(TaskConfig task, RunnerStream stream, RunLauncher launcher, Stopper stopper,
      Consumer<Event> sink) {
    this.task = task;
    this.stream = stream;
    this.launcher = launcher;
    this.readers = new CoordinatorReaders(launcher::coordinatorCheckpoint);
    this.stopper = stopper;
    this.sink = sink;
    for (ProcessConfig p : task.processes()) {
      configs.putIfAbsent(p.name(), p);
    }
  }

  /** Where runs are stopped by their ladders and told of their ends; set before any launch. */
  void setLifecycles(Lifecycles lifecycles) {
    this.lifecycles = lifecycles;
  }

  Path coordinatorCheckpoint(String process) {
    return launcher.coordinatorCheckpoint(process);
  }

  boolean isLive(String process) {
    return live.containsKey(process);
  }

  boolean isEmpty() {
    return live.isEmpty();
  }

  int countIn(Collection<String> processes) {
    int n = 0;
    for (String p : live.keySet()) {
      n += processes.contains(p) ? 1 : 0;
    }
    return n;
  }

  /**
   * Starts a run of each process: their WAITING records go out as one group (unless a restarted
   * runner found one already), durably, before any of them runs. The coordinators are asked for
   * first and set themselves up meanwhile; each is told to go once the group is on disk (one that
   * never hears it runs nothing: {@link RunLauncher#go}). Returns the runs that could not be
   * launched, already recorded FAILED.
   */
  List<ProcessStatus> start(List<String> processes) throws IOException {
    if (processes.isEmpty()) {
      return List.of();  // nothing to launch: staged records wait for a real group
    }
    List<RunnerCkpt> waiting = new ArrayList<>();
    for (String p : processes) {
      ProcessStatus last = stream.lastRun(p);
      if (last == null || last.getState() != ProcessState.WAITING) {
        waiting.add(Records.waiting(p, stream.nextSeq(p)));
      }
    }
    stream.stage(waiting);
    List<RunLauncher.Submitted> submitted = new ArrayList<>();
    for (String p : processes) {
      submitted.add(launcher.submit(config(p), stream.runCount(p) - 1, stream.nextSeq(p)));
    }
    stream.appendUnannounced(List.of());  // durable (with whatever was staged) before any go
    List<ProcessStatus> failed = new ArrayList<>();
    try {
      for (RunLauncher.Submitted s : submitted) {
        String p = s.process().name();
        if (!launch(s)) {
          stream.stage(Records.launchFailed(p, stream.nextSeq(p)));
          failed.add(stream.lastRun(p));
        }
      }
    } finally {
      stream.announce();
    }
    return failed;
  }

  /**
   * Builds ahead the next launch of each of {@code processes} that has no live run (see
   * {@link RunLauncher#prepare}): called when the loop is about to wait, with the processes a run's
   * end may make runnable.
   */
  void prepare(Collection<String> processes) {
    int n = 0;
    for (String p : processes) {
      if (n++ == MAX_PREPARED) {
        break;  // a wide fan-out: the rest are built when they launch
      }
      if (!live.containsKey(p)) {
        readers.of(p);
        launcher.prepare(config(p), stream.runCount(p), stream.nextSeq(p) + 1);
      }
    }
  }

  /** Completes the launch and lets the coordinator go; false when it could not be launched. */
  private boolean launch(RunLauncher.Submitted submitted) throws IOException {
    String process = submitted.process().name();
    CoordinatorStream reader = readers.atEnd(process);
    Launched launched;
    try {
      launched = launcher.complete(submitted, liveCoordinatorPids());
    } catch (IOException e) {
      System.err.println("thermos run: cannot launch " + process + ": " + e.getMessage());
      return false;
    }
    LiveRun started = new LiveRun(process, reader, launched.spawner(), launched.coordinatorPid());
    live.put(process, started);
    everyCoordinator.add(launched.coordinatorPid());
    if (!launched.spawner().isAlive()) {
      follow(started);  // found after its spawner died: no spawner will report its exit
    }
    launcher.go(launched);
    return true;
  }

  /**
   * Takes over a run whose coordinator, started by an earlier runner, is still alive. Its records
   * are read from where this runner's reading stopped.
   */
  void adopt(String process, int coordinatorPid) {
    live.put(process, new LiveRun(process, readers.of(process), null, coordinatorPid));
    if (coordinatorPid > 0) {
      everyCoordinator.add(coordinatorPid);
    }
    CoordinatorLockWaiter.await(launcher.coordinatorCheckpoint(process), process, coordinatorPid,
        sink);
  }

  /** The coordinator's records not yet in the runner's stream, from its start. */
  List<RunnerCkpt> unseenRecords(String process) throws IOException {
    return new LiveRun(process, readers.of(process), null, 0).newRecords(stream.nextSeq(process));
  }

  /**
   * Copies the new records of the named coordinators (or all, for "*") as one group, and returns
   * the runs whose end record was among them. Those runs have ended: their end is durable in the
   * coordinator's stream and reaches the runner's with the next flush, which precedes any launch
   * (a WAITING is appended with it), so the plan may act on it before the coordinator's exit is
   * reported. The run stays live until then (no second run of its process meanwhile).
   */
  List<ProcessStatus> copyRecords(Collection<String> processes) throws IOException {
    Collection<String> which = processes.contains(CoordinatorWatcher.ALL) ? live.keySet() : processes;
    List<RunnerCkpt> group = new ArrayList<>();
    for (String p : which) {
      LiveRun run = live.get(p);
      if (run != null) {
        group.addAll(run.newRecords(stream.nextSeq(p)));
      }
    }
    stream.stage(group);
    List<ProcessStatus> ended = new ArrayList<>();
    for (String p : which) {
      LiveRun run = live.get(p);
      ProcessStatus last = run == null ? null : stream.lastRun(p);
      if (last != null && !run.endCopied() && Replayer.isTerminal(last.getState())) {
        run.markEndCopied();
        lifecycles.ended(p);
        ended.add(last);
      }
    }
    return ended;
  }

  /**
   * A coordinator exited: ends its run (recording FAILED, KILLED or LOST if the coordinator left
   * no terminal record), SIGKILLs what is left of the run, and returns the ended run; null if the
   * exit belongs to no live run, or its end was already returned by {@link #copyRecords}.
   */
  ProcessStatus finish(Event.CoordinatorExited exit, double now) throws IOException {
    LiveRun run = live.get(exit.process());
    if (run == null || (exit.coordinatorPid() != run.coordinatorPid() && exit.coordinatorPid() > 0)) {
      return null;
    }
    ProcessStatus last = stream.lastRun(exit.process());
    live.remove(exit.process());
    if (last.getState() == ProcessState.WAITING && exit.exitCode() == CoordinatorExit.LOCKED
        && CoordinatorLockWaiter.isHeldByCoordinator(coordinatorCheckpoint(exit.process()))) {
      // Another coordinator of this run holds the stream: one an earlier runner launched just
      // before it died. Follow that one instead of recording a launch failure.
      adopt(exit.process(), 0);
      return null;
    }
    if (last.getState() == ProcessState.WAITING && launchedNothing(exit, run)) {
      return null;  // the run stays WAITING: the next step launches it again
    }
    last = stream.lastRun(exit.process());
    if (!Replayer.isTerminal(last.getState())) {
      StopJournal.Reason why = lifecycles.stops().reason(exit.process());
      stream.stage(run.synthesizedEnd(last, why != null && why.failure(), now));
    }
    lifecycles.ended(exit.process());
    if (run.coordinatorPid() > 0) {
      stopper.killLeftovers(run.coordinatorPid());
      // Its group is empty now: the pid may be reused, and must not be signalled at the task's end.
      everyCoordinator.remove(run.coordinatorPid());
    }
    return run.endCopied() ? null : stream.lastRun(exit.process());
  }

  /**
   * True when the coordinator of a WAITING run exited having run and written nothing, and no
   * other coordinator wrote this run either: it was told not to go, or its spawner ended before
   * its go ({@link CoordinatorExit#NOT_LAUNCHED}), or it found the stream locked by such a
   * coordinator, which has let go of it since ({@link CoordinatorExit#LOCKED}: a relaunch that
   * came before the stray it replaces had exited), or its exit status is not known
   * ({@link CoordinatorExit#UNKNOWN}: a stray reaped by the orphan reaper before it was claimed; a
   * coordinator that failed its set-up fails it again when launched again, and is then seen to).
   * Its pid is forgotten.
   */
  private boolean launchedNothing(Event.CoordinatorExited exit, LiveRun run) throws IOException {
    int code = exit.exitCode();
    if (code != CoordinatorExit.NOT_LAUNCHED && code != CoordinatorExit.LOCKED
        && code != CoordinatorExit.UNKNOWN) {
      return false;
    }
    if (code == CoordinatorExit.LOCKED
        && FileLocks.isHeld(coordinatorCheckpoint(exit.process()))) {
      return false;  // held by something else than a coordinator: a launch failure
    }
    stream.stage(run.newRecords(stream.nextSeq(exit.process())));  // another's records, if any
    if (stream.lastRun(exit.process()).getState() != ProcessState.WAITING) {
      return false;
    }
    if (run.coordinatorPid() > 0) {
      // Nothing should be left; a coordinator killed between its fork and its first record
      // would leave the command: it goes before the run is launched again.
      stopper.killLeftovers(run.coordinatorPid());
      everyCoordinator.remove(run.coordinatorPid());
    }
    return true;
  }

  /**
   * Starts the stop ladder of every live run that has a user process (SIGTERM to its group, unless
   * its {@code stop_signals} say otherwise), and SIGTERM to the runner's orphans.
   */
  void terminateAll(double now) throws IOException {
    stream.flush();
    for (LiveRun run : live.values()) {
      terminate(run, now);
    }
    stopper.signalOrphans(everyCoordinator, LibC.SIGTERM);
  }

  /**
   * SIGTERM to the live runs that were launched but had no user process yet when
   * {@link #terminateAll} ran (their coordinator may not even have had its group): called as their
   * FORKED/RUNNING records arrive during CLEANING, which the coordinator writes after the fork.
   */
  void terminateLateStarters(double now) {
    for (LiveRun run : live.values()) {
      if (!run.terminated()) {
        terminate(run, now);
      }
    }
  }

  private void terminate(LiveRun run, double now) {
    ProcessStatus last = stream.lastRun(run.process());
    boolean started = last != null && (last.getState() == ProcessState.FORKED
        || last.getState() == ProcessState.RUNNING);
    if (started && run.coordinatorPid() > 0) {
      lifecycles.stop(run.process(), run.coordinatorPid(), StopJournal.Reason.TASK_END, now);
      run.markTerminated();
    }
  }

  /** The processes with a live run, to the pid of its coordinator (0 when not known yet). */
  Map<String, Integer> liveCoordinators() {
    Map<String, Integer> out = new LinkedHashMap<>();
    live.forEach((p, run) -> out.put(p, run.coordinatorPid()));
    return out;
  }

  /** The coordinator pid of the live run of {@code process}; 0 when it has none. */
  int coordinatorOf(String process) {
    LiveRun run = live.get(process);
    return run == null ? 0 : run.coordinatorPid();
  }

  /** SIGKILL to every live run; their coordinators' exits will end them as KILLED. */
  void killAll() throws IOException {
    stream.flush();
    List<Integer> coordinators = new ArrayList<>();
    for (LiveRun run : live.values()) {
      run.markKilled();
      if (run.coordinatorPid() > 0) {
        coordinators.add(run.coordinatorPid());
      }
    }
    stopper.killAll(coordinators);
  }

  /** Ends every run still live (its coordinator never reported back) as KILLED or LOST. */
  void abandonAll(double now) throws IOException {
    for (LiveRun run : List.copyOf(live.values())) {
      finish(new Event.CoordinatorExited(run.process(), run.coordinatorPid(), -1), now);
    }
  }

  /** The pids of the live runs' coordinators (none can have been reused: they are alive). */
  private Set<Integer> liveCoordinatorPids() {
    Set<Integer> pids = new HashSet<>();
    for (LiveRun run : live.values()) {
      pids.add(run.coordinatorPid());
    }
    return pids;
  }

  Set<Integer> everyCoordinator() {
    return everyCoordinator;
  }

  /** The process of the live run whose coordinator is {@code pid}, or null. */
  String processOf(int pid) {
    for (LiveRun run : live.values()) {
      if (run.coordinatorPid() == pid) {
        return run.process();
      }
    }
    return null;
  }

  /**
   * {@code spawner} ended: the coordinators it forked go on, but it will not report their exits.
   * Each is followed without it ({@link ReparentedCoordinatorWaiter}). Coordinators of other
   * spawners (a new one may already be running) are left to theirs.
   */
  void spawnerEnded(Spawner spawner) {
    for (LiveRun run : live.values()) {
      if (run.spawner() == spawner && !run.followed()) {
        follow(run);
      }
    }
  }

  private void follow(LiveRun run) {
    run.markFollowed();
    ReparentedCoordinatorWaiter.await(run.spawner(), run.process(), run.coordinatorPid(),
        launcher.coordinatorCheckpoint(run.process()), sink);
  }

  void close() throws IOException {
    launcher.close();
    closeReaders();
  }

  /** Closes the coordinator streams (the launcher goes on: an update hands it over). */
  void closeReaders() throws IOException {
    readers.close();
  }

  private ProcessConfig config(String process) {
    ProcessConfig p = configs.get(process);
    if (p == null) {
      throw new IllegalArgumentException("no process " + process + " in task " + task.name());
    }
    return p;
  }
}
