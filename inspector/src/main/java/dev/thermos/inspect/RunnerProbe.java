package dev.thermos.inspect;

import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.supervision.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Who holds a task's runner checkpoint. A runner counts as live only when all of these hold: the
 * lock is held; the pid of the last task status exists and is a thermos runner
 * and started before the status was written ({@link ProcessIdentity#isRunnerOf}: a process
 * started later reuses the pid).
 */
public final class RunnerProbe {
  /** What holds the lock. */
  public enum Holder {
    /** Nobody: the lock is free. */
    NONE,
    /** The task's live runner, {@link Finding#pid()}. */
    RUNNER,
    /** Some other process (another kill or gc, or a runner that cannot be verified). */
    OTHER
  }

  /**
   * The finding.
   *
   * @param holder who holds the lock
   * @param pid the runner pid of the last task status, or -1 when there is none
   */
  public record Finding(Holder holder, int pid) {}

  private RunnerProbe() {}

  /** Probes {@code checkpoint}, whose replayed state is {@code state}. */
  public static Finding probe(Path checkpoint, RunnerState state) throws IOException {
    List<TaskStatus> statuses = state.isSetStatuses() ? state.getStatuses() : List.of();
    TaskStatus last = statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    int pid = last != null && last.isSetRunnerPid() ? last.getRunnerPid() : -1;
    if (!CheckpointLock.isHeld(checkpoint)) {
      return new Finding(Holder.NONE, pid);
    }
    if (pid > 0 && ProcessIdentity.isRunnerOf(pid, last.getTimestampMs() / 1000.0)) {
      return new Finding(Holder.RUNNER, pid);
    }
    return new Finding(Holder.OTHER, pid);
  }
}
