package dev.thermos.runner;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.posix.FileLocks;
import dev.thermos.supervision.ProcessIdentity;
import dev.thermos.supervision.Stopper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reconciles a replayed checkpoint with the world when a runner (re)starts.
 *
 * <ol>
 *   <li>The plans learn every run's start and end, in record order.
 *   <li>For each process whose last run had not ended: records its coordinator wrote while no
 *       runner was watching are copied into the runner's checkpoint.
 *   <li>If the run still has not ended: a live coordinator (it holds its checkpoint's flock) is
 *       adopted — never a second copy; a WAITING run whose coordinator never started is launched
 *       by the loop; anything else lost its coordinator and is recorded LOST.
 *   <li>Stop ladders go on from the last step in the stop journal; health checks start again,
 *       from the health the earlier runner recorded ({@link Lifecycles#recover}).
 *   <li>In CLEANING or FINALIZING, the finalization window resumes from the CLEANING record, and
 *       live runs not being stopped yet start their ladders.
 * </ol>
 */
final class Recovery {
  private final RunnerStream stream;
  private final Runs runs;
  private final RunLoop loop;
  private final RunnerSettings settings;
  private final Stopper stopper;
  private final Lifecycles lifecycles;

  Recovery(RunnerStream stream, Runs runs, RunLoop loop, RunnerSettings settings,
      Stopper stopper, Lifecycles lifecycles) {
    this.stream = stream;
    this.runs = runs;
    this.loop = loop;
    this.settings = settings;
    this.stopper = stopper;
    this.lifecycles = lifecycles;
  }

  void reconcile(TaskConfig task) throws IOException {
    List<String> open = new ArrayList<>();
    for (ProcessConfig p : task.processes()) {
      ProcessStatus last = stream.lastRun(p.name());
      if (last != null && !Replayer.isTerminal(last.getState())) {
        open.add(p.name());
      }
    }
    List<RunnerCkpt> unseen = new ArrayList<>();
    for (String p : open) {
      unseen.addAll(runs.unseenRecords(p));
    }
    stream.append(unseen);
    restorePlans(task);
    lifecycles.restoreHealth();  // before a run found RUNNING below writes the health file
    for (String p : open) {
      resolve(p);
    }
    lifecycles.recover(runs.liveCoordinators(), settings.nowSecs());
    resumeWindow();
  }

  /** Feeds the plans every run start and end of the checkpoint, in record order. */
  private void restorePlans(TaskConfig task) throws IOException {
    Path file = new TaskPaths(settings.root()).runnerCheckpoint(settings.taskId());
    Set<String> known = new HashSet<>();
    task.processes().forEach(p -> known.add(p.name()));
    try (CheckpointReader reader = CheckpointReader.openInTask(file)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        ProcessStatus s = r.isSetProcessStatus() ? r.getProcessStatus() : null;
        if (s == null || !known.contains(s.getProcess())) {
          continue;
        }
        if (s.getState() == ProcessState.WAITING) {
          loop.runStarted(s.getProcess());
        } else if (s.getState() == ProcessState.RUNNING) {
          loop.runReachedRunning(s.getProcess());
        } else if (Replayer.isTerminal(s.getState())) {
          loop.runEnded(s.getProcess(), s, settings.nowSecs());
        }
      }
    }
  }

  private void resolve(String process) throws IOException {
    ProcessStatus last = stream.lastRun(process);
    if (Replayer.isTerminal(last.getState())) {
      return;
    }
    if (isAlive(process, last)) {
      runs.adopt(process, last.isSetCoordinatorPid() ? last.getCoordinatorPid() : 0);
      return;
    }
    // No coordinator holds the file now, so whatever it recorded is on disk: copy what it wrote
    // since the first look (a run that ended meanwhile ended, it is not lost).
    stream.append(runs.unseenRecords(process));
    loop.noteStarted(List.of(process));
    last = stream.lastRun(process);
    if (Replayer.isTerminal(last.getState())) {
      loop.runEnded(process, last, settings.nowSecs());
      return;
    }
    if (last.getState() != ProcessState.WAITING) {
      stream.append(Records.lost(process, last.getSeq() + 1));
      lifecycles.ended(process);
      loop.runEnded(process, stream.lastRun(process), settings.nowSecs());
      if (last.isSetCoordinatorPid()) {
        stopper.killRecorded(last);  // only what started when the checkpoint says
      }
    }
  }

  /**
   * Whether the unfinished run {@code last} of {@code process} still runs, so that it is adopted
   * and never started twice: its coordinator's checkpoint lock is held, by a thermos coordinator
   * or while the run's recorded coordinator or user process is alive (its start time checked, so
   * a reused pid does not count). Aurora's runner takes that lock before it forks the process, so
   * {@code /proc/locks} may name a runner that died while the process it forked runs on.
   */
  private boolean isAlive(String process, ProcessStatus last) {
    Path file = runs.coordinatorCheckpoint(process);
    if (CoordinatorLockWaiter.isHeldByCoordinator(file)) {
      return true;
    }
    if (!FileLocks.isHeld(file)) {
      return false;
    }
    return (last.isSetCoordinatorPid() && last.isSetForkTime()
            && ProcessIdentity.isRecordedProcess(last.getCoordinatorPid(), last.getForkTime()))
        || (last.isSetPid() && last.isSetStartTime()
            && ProcessIdentity.isRecordedProcess(last.getPid(), last.getStartTime()));
  }

  private void resumeWindow() throws IOException {
    TaskState state = stream.taskState();
    if (state != TaskState.CLEANING && state != TaskState.FINALIZING) {
      return;
    }
    for (TaskStatus s : stream.state().getStatuses()) {
      if (s.getState() == TaskState.CLEANING) {
        loop.resumeWindow(s.getTimestampMs() / 1000.0);
        break;
      }
    }
    if (state == TaskState.CLEANING) {
      runs.terminateAll(settings.nowSecs());
    }
  }
}
