package dev.thermos.monitor;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.InvalidCheckpointException;
import dev.thermos.format.ReplayResult;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One task as its runner stream tells it: the state replayed from every complete record, and, when
 * the stream cannot be used, why. A torn tail (a live writer, or a crash mid-append) is not an
 * error: the records before it count. A corrupt or invalid stream keeps the state replayed up to
 * the bad record, so that callers can still show the header.
 *
 * @param task the task's id and task-file state
 * @param checkpoint the runner checkpoint path
 * @param state the replayed state (possibly partial when {@code error} is present)
 * @param error why the stream could not be read to its end, without the path
 * @param tornAt where a partial last record starts, if there is one
 */
public record TaskSummary(DetectedTask task, Path checkpoint, RunnerState state,
    Optional<String> error, OptionalLong tornAt) {

  /** Reads the runner stream of {@code task} under {@code paths}; never throws for the stream. */
  public static TaskSummary read(TaskPaths paths, DetectedTask task) {
    Path checkpoint = paths.runnerCheckpoint(task.taskId());
    Replayer replayer = new Replayer();
    try (CheckpointReader reader = CheckpointReader.openInTask(checkpoint)) {
      ReplayResult result = CheckpointReplay.replay(reader, replayer);
      return new TaskSummary(task, checkpoint, result.state(), Optional.empty(), result.tornAt());
    } catch (CheckpointException e) {
      return failed(task, checkpoint, replayer, describe(e));
    } catch (NoSuchFileException e) {
      return failed(task, checkpoint, replayer, "no runner checkpoint");
    } catch (UnsafePathException e) {
      // A FIFO, a device or a link where the stream belongs: refused, never read (or waited on).
      return failed(task, checkpoint, replayer, "not read: " + (e.path().equals(checkpoint.toAbsolutePath().normalize())
          ? e.reason() : e.getMessage()));
    } catch (IOException e) {
      return failed(task, checkpoint, replayer, "cannot read: " + e.getMessage());
    }
  }

  /** The error of a bad stream without its path: {@code corrupt record 3 at offset 80: why}. */
  public static String describe(CheckpointException e) {
    String kind = e instanceof InvalidCheckpointException ? "invalid" : "corrupt";
    return kind + " record " + e.recordIndex() + " at offset " + e.offset() + ": " + e.reason();
  }

  private static TaskSummary failed(
      DetectedTask task, Path checkpoint, Replayer replayer, String error) {
    return new TaskSummary(task, checkpoint, replayer.state(), Optional.of(error),
        OptionalLong.empty());
  }

  public String taskId() {
    return task.taskId();
  }

  /** Whether the task file is under {@code tasks/active}. */
  public boolean active() {
    return task.active();
  }

  /** The header, when the stream has one. */
  public Optional<RunnerHeader> header() {
    return Optional.ofNullable(state.getHeader());
  }

  /** The last task state recorded, or ACTIVE when none is (Aurora's {@code task_state()}). */
  public TaskState taskState() {
    return lastState(state);
  }

  /** The last task state of {@code state}, or ACTIVE when it has none. */
  public static TaskState lastState(RunnerState state) {
    List<TaskStatus> statuses = state.getStatuses();
    if (statuses == null || statuses.isEmpty()) {
      return TaskState.ACTIVE;
    }
    TaskState last = statuses.get(statuses.size() - 1).getState();
    return last == null ? TaskState.ACTIVE : last;
  }
}
