package dev.thermos.runner;

import dev.thermos.format.Records;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.launch.Spawner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run the runner is supervising: its coordinator (started by this runner, or adopted after a
 * restart) and a reader following the coordinator's checkpoint from where this run's records start.
 */
final class LiveRun {
  private final String process;
  private final CoordinatorStream reader;
  private final Spawner spawner;
  private int coordinatorPid;
  private boolean followed;
  private boolean killed;
  private boolean terminated;
  private boolean endCopied;

  /** {@code spawner}: the spawner that forked the coordinator, or null (adopted). */
  LiveRun(String process, CoordinatorStream reader, Spawner spawner, int coordinatorPid) {
    this.process = process;
    this.reader = reader;
    this.spawner = spawner;
    this.coordinatorPid = coordinatorPid;
  }

  String process() {
    return process;
  }

  /** The coordinator's pid (= process group and session id), or 0 before it is known. */
  int coordinatorPid() {
    return coordinatorPid;
  }

  /** The spawner that forked the coordinator (null if adopted): it reports the coordinator's exit. */
  Spawner spawner() {
    return spawner;
  }

  /** True once the run's exit is followed without its spawner (which died). */
  boolean followed() {
    return followed;
  }

  void markFollowed() {
    this.followed = true;
  }

  /** True once the runner SIGKILLed the run: a coordinator that vanishes then was killed, not lost. */
  boolean killed() {
    return killed;
  }

  void markKilled() {
    this.killed = true;
  }

  /** True once a SIGTERM reached the run's group after its user process existed. */
  boolean terminated() {
    return terminated;
  }

  void markTerminated() {
    this.terminated = true;
  }

  /**
   * True once the coordinator's end record was copied into the runner's stream: the plan was told
   * of the end then, before the coordinator's exit was reported.
   */
  boolean endCopied() {
    return endCopied;
  }

  void markEndCopied() {
    this.endCopied = true;
  }

  /**
   * The coordinator's records of this process from sequence number {@code nextSeq} on, as far as
   * they are complete and consecutive; earlier records (of older runs) are skipped.
   */
  List<RunnerCkpt> newRecords(long nextSeq) throws IOException {
    List<RunnerCkpt> out = new ArrayList<>();
    long expected = nextSeq;
    for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
      if (!r.isSetProcessStatus()) {
        continue;
      }
      ProcessStatus s = r.getProcessStatus();
      if (!process.equals(s.getProcess()) || !s.isSetSeq() || s.getSeq() < expected) {
        continue;
      }
      if (s.getSeq() != expected) {
        break;  // a gap: the rest cannot be applied
      }
      if (s.isSetCoordinatorPid()) {
        coordinatorPid = s.getCoordinatorPid();
      }
      out.add(r);
      expected++;
    }
    return out;
  }

  /**
   * The end to record for this run when its coordinator exited without recording one (after
   * {@code last}): a launch failure, FAILED when it was being stopped as a failure, KILLED when
   * the runner killed it, else LOST.
   */
  RunnerCkpt synthesizedEnd(ProcessStatus last, boolean failed, double now) {
    long seq = last.getSeq() + 1;
    if (last.getState() == ProcessState.WAITING) {
      return Records.launchFailed(process, seq);
    }
    if (failed) {
      // Stopped as a failure (max_runtime, health), and its coordinator died before recording it.
      return Records.ended(process, seq, ProcessState.FAILED, now, -9);
    }
    if (killed) {
      return Records.ended(process, seq, ProcessState.KILLED, now, -1);
    }
    return Records.lost(process, seq);
  }
}
