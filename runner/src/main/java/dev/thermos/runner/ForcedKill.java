package dev.thermos.runner;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.LockHolderKiller;
import dev.thermos.supervision.SignalException;
import dev.thermos.supervision.StopReport;
import dev.thermos.supervision.Stopper;
import dev.thermos.supervision.TaskCgroup;
import dev.thermos.supervision.TaskMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a task without its runner, as Aurora's {@code TaskRunnerHelper.kill(force=True)} does (§6.8):
 * take the runner checkpoint's lock (SIGKILLing a live runner), append {@code ACTIVE} with this
 * process's pid, SIGKILL what is left of every unfinished run and append {@code KILLED} (rc -9) for a
 * run that had something alive, {@code LOST} for one that had not (nothing for a WAITING run), then
 * the terminal status; release the lock and move the task file to {@code finished}. No CLEANING, no
 * finalizers, no grace period.
 *
 * <pre>
 *   ForcedKill.Result r = new ForcedKill(root, Clock.systemUTC(), true).end("t1", TaskState.KILLED);
 * </pre>
 */
public final class ForcedKill {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  private static final Duration DEATH_WAIT = Duration.ofSeconds(5);

  /** How the task was found. */
  public enum Outcome {
    /** It was live in the checkpoint; records were appended. */
    ENDED,
    /** The checkpoint already had a terminal status; only the task file was moved. */
    ALREADY_ENDED,
    /** No runner checkpoint, or one without a header or status: only the task file was moved. */
    NO_CHECKPOINT
  }

  /**
   * What was done.
   *
   * @param outcome which path was taken
   * @param end the task's terminal state (null for {@link Outcome#NO_CHECKPOINT})
   * @param runs the state appended for each process that had an unfinished run
   * @param failures the signals the kernel refused (the other processes were still signalled)
   */
  public record Result(Outcome outcome, TaskState end, Map<String, ProcessState> runs,
      List<SignalException> failures) {}

  private final TaskPaths paths;
  private final Clock clock;
  private final boolean cgroups;

  /** {@code cgroups}: whether to kill the task's cgroup ({@link dev.thermos.supervision.CgroupSwitch}). */
  public ForcedKill(Path root, Clock clock, boolean cgroups) {
    this.paths = new TaskPaths(root);
    this.clock = clock;
    this.cgroups = cgroups;
  }

  /**
   * Ends {@code taskId} in {@code terminal} (KILLED or LOST), SIGKILLing a live runner first.
   *
   * @throws CheckpointException when the runner checkpoint is corrupt or does not replay (nothing
   *     is changed, but a live runner has been SIGKILLed)
   * @throws dev.thermos.format.CheckpointLockedException when the lock is still held after the
   *     runner was SIGKILLed (another process holds it)
   * @throws IOException when the checkpoint or the task file cannot be written
   */
  public Result end(String taskId, TaskState terminal) throws IOException {
    return end(taskId, terminal, true);
  }

  /**
   * Ends {@code taskId} in {@code terminal}; with {@code takeOver} false, a live runner is left
   * alone and its lock is a {@link dev.thermos.format.CheckpointLockedException}.
   */
  public Result end(String taskId, TaskState terminal, boolean takeOver) throws IOException {
    if (terminal != TaskState.KILLED && terminal != TaskState.LOST) {
      throw new IllegalArgumentException("not a forced ending: " + terminal);
    }
    Path checkpoint = paths.runnerCheckpoint(taskId);
    TaskFiles files = new TaskFiles(paths, taskId);
    List<SignalException> failures = new ArrayList<>();
    Stopper stopper = new Stopper(TaskMarker.of(paths.root(), taskId),
        paths.checkpointDirectory(taskId), cgroups ? TaskCgroup.find(paths, taskId) : Optional.empty(), failures::add);
    if (!Files.isRegularFile(checkpoint)) {
      files.finish();
      return new Result(Outcome.NO_CHECKPOINT, null, Map.of(), failures);
    }
    Result result;
    try (CheckpointWriter writer = takeOver
        ? CheckpointWriter.openForced(checkpoint, LOCK_WAIT, new LockHolderKiller())
        : CheckpointWriter.open(checkpoint)) {
      RunnerState state = CheckpointReplay.replay(checkpoint).state();
      result = endLocked(writer, state, terminal, stopper, failures);
    }
    // What escaped the runs' groups and sessions (double forks, setsid): the task's marker finds
    // it anywhere, the cgroup even without the marker.
    stopper.killMarked();
    files.finish();
    return result;
  }

  private Result endLocked(CheckpointWriter writer, RunnerState state, TaskState terminal,
      Stopper stopper, List<SignalException> failures) throws IOException {
    if (!state.isSetHeader() || state.getStatuses().isEmpty()) {
      return new Result(Outcome.NO_CHECKPOINT, null, Map.of(), failures);
    }
    TaskState current = TaskSummary.lastState(state);
    if (Replayer.isTerminal(current)) {
      return new Result(Outcome.ALREADY_ENDED, current, Map.of(), failures);
    }
    int uid = LibC.getuid();
    writer.append(Records.task(TaskState.ACTIVE, clock.millis(), LibC.getpid(), uid));
    List<RunnerCkpt> records = new ArrayList<>();
    Map<String, ProcessState> runs = new LinkedHashMap<>();
    for (Map.Entry<String, List<ProcessStatus>> p : state.getProcesses().entrySet()) {
      List<ProcessStatus> history = p.getValue();
      ProcessStatus last = history.get(history.size() - 1);
      if (Replayer.isTerminal(last.getState())) {
        continue;
      }
      StopReport killed = stopper.killRecorded(last);
      stopper.awaitGone(killed.targets(), DEATH_WAIT);
      if (!killed.targets().isEmpty()) {
        records.add(Records.ended(p.getKey(), last.getSeq() + 1, ProcessState.KILLED,
            clock.millis() / 1000.0, -9));
        runs.put(p.getKey(), ProcessState.KILLED);
      } else if (last.getState() != ProcessState.WAITING) {
        records.add(Records.lost(p.getKey(), last.getSeq() + 1));
        runs.put(p.getKey(), ProcessState.LOST);
      }
    }
    records.add(Records.task(terminal, clock.millis(), LibC.getpid(), uid));
    writer.append(records);
    return new Result(Outcome.ENDED, terminal, runs, failures);
  }
}
