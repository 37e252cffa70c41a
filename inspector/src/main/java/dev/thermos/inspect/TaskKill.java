package dev.thermos.inspect;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.ReplayResult;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import dev.thermos.runner.ForcedKill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Ends one task. Gracefully when its runner is alive: {@link GracefulKill}, escalating to the forced
 * procedure when the runner dies first or does not finish within the task's finalization window
 * plus {@link #SLACK}. Otherwise, or when forced, {@link ForcedKill} (Aurora's semantics).
 */
public final class TaskKill {
  static final Duration SLACK = Duration.ofSeconds(15);

  private final TaskPaths paths;
  private final ForcedKill forced;
  private final Consumer<String> notes;

  /**
   * {@code notes} receives one line per step worth showing (task states, escalations, signals the
   * kernel refused); {@code cgroups}: whether the task's cgroup is used
   * ({@link dev.thermos.supervision.CgroupSwitch}).
   */
  public TaskKill(Path root, Clock clock, boolean cgroups, Consumer<String> notes) {
    this.paths = new TaskPaths(root);
    this.forced = new ForcedKill(root, clock, cgroups);
    this.notes = notes;
  }

  /**
   * Kills {@code taskId}; with {@code force}, always by the forced procedure.
   *
   * @return the task's terminal state, or empty when there was no checkpoint to record it in
   * @throws CheckpointLockedException without {@code force}, when the lock is held by a process
   *     that is not the task's verified runner
   * @throws dev.thermos.format.CheckpointException when the checkpoint is corrupt or invalid
   */
  public Optional<TaskState> kill(String taskId, boolean force) throws IOException {
    if (force) {
      return end(taskId, TaskState.KILLED, true);
    }
    Path checkpoint = paths.runnerCheckpoint(taskId);
    if (!Files.isRegularFile(checkpoint)) {
      return end(taskId, TaskState.KILLED, false);
    }
    ReplayResult replayed = CheckpointReplay.replay(checkpoint);
    RunnerProbe.Finding holder = RunnerProbe.probe(checkpoint, replayed.state());
    switch (holder.holder()) {
      case NONE:
        return end(taskId, TaskState.KILLED, false);
      case OTHER:
        throw new CheckpointLockedException(checkpoint,
            "locked by a process that is not the task's runner" + (holder.pid() > 0 ? " (last runner pid " + holder.pid() + ")" : "")
            + "; --force takes over");
      default:
        break;
    }
    notes.accept("asking runner " + holder.pid() + " to stop (SIGTERM)");
    Optional<TaskState> end = new GracefulKill(s -> notes.accept(s.name()))
        .kill(checkpoint, replayed, holder.pid(), finalizationWait(taskId).plus(SLACK));
    if (end.isPresent()) {
      return end;
    }
    notes.accept("the runner did not finish; killing by force");
    return end(taskId, TaskState.KILLED, true);
  }

  /** Ends {@code taskId} LOST by the forced procedure. */
  public Optional<TaskState> lose(String taskId) throws IOException {
    return end(taskId, TaskState.LOST, true);
  }

  private Optional<TaskState> end(String taskId, TaskState terminal, boolean takeOver)
      throws IOException {
    ForcedKill.Result r = forced.end(taskId, terminal, takeOver);
    r.runs().forEach((process, s) -> notes.accept(process + " " + s));
    r.failures().forEach(e -> notes.accept(e.getMessage()));
    if (r.outcome() == ForcedKill.Outcome.ALREADY_ENDED) {
      notes.accept("already " + r.end());
    } else if (r.outcome() == ForcedKill.Outcome.NO_CHECKPOINT) {
      notes.accept("no runner checkpoint; task file moved to finished");
    }
    return Optional.ofNullable(r.end());
  }

  /** The task's finalization window, from its task file (Aurora's default when unreadable). */
  private Duration finalizationWait(String taskId) {
    Path file = paths.taskFile(TaskPaths.TaskFileState.ACTIVE, taskId);
    int secs = TaskConfig.DEFAULT_FINALIZATION_WAIT_SECS;
    try {
      secs = TaskConfigLoader.load(file).finalizationWaitSecs();
    } catch (InvalidTaskException | RuntimeException e) {
      // Keep the default.
    }
    return Duration.ofSeconds(secs);
  }
}
