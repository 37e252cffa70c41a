package dev.thermos.runner;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.supervision.CgroupSwitch;
import dev.thermos.supervision.LockHolderKiller;
import dev.thermos.supervision.Stopper;
import dev.thermos.supervision.TaskCgroup;
import dev.thermos.supervision.TaskMarker;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The steps of setting a task up for its runner: the checkpoint's lock and replay, and errors. */
final class TaskSetup {
  private static final Duration FORCE_WAIT = Duration.ofSeconds(10);

  private TaskSetup() {}

  /** A step of setting the task up. */
  interface SetupStep<T> {
    T run() throws IOException;
  }

  /**
   * Runs a setup step; a failure to create or open something (not a lock held by another runner,
   * not a corrupt checkpoint) becomes a {@link RunnerSetupException}.
   */
  static <T> T setup(SetupStep<T> step) throws IOException {
    try {
      return step.run();
    } catch (CheckpointException | CheckpointLockedException | InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new RunnerSetupException(e);
    }
  }

  /**
   * Locks the runner checkpoint, made in {@code checkpoints/<task_id>/} (neither followed if a
   * link), and replays it into {@code replayer}.
   */
  static CheckpointWriter openCheckpoint(RunnerSettings settings, Replayer replayer)
      throws IOException {
    Path checkpoint = new TaskPaths(settings.root()).runnerCheckpoint(settings.taskId());
    String name = checkpoint.getFileName().toString();
    try (SafeDirectory dir = SafeDirectory.openLeaf(checkpoint.getParent(), true)) {
      CheckpointWriter writer = settings.force()
          ? CheckpointWriter.openForced(dir, name, FORCE_WAIT, new LockHolderKiller())
          : CheckpointWriter.open(dir, name);
      try (CheckpointReader reader = CheckpointReader.open(dir, name)) {
        CheckpointReplay.replay(reader, replayer);
        return writer;
      } catch (IOException | RuntimeException e) {
        writer.close();
        throw e;
      }
    }
  }

  /**
   * A runner that died after recording the task's end may not have swept its leftovers nor moved
   * the task file to finished/: both are done here (both are no-ops when it did).
   */
  static void finishEnded(RunnerStream stream, RunnerSettings settings)
      throws IOException {
    if (stream.state().isSetHeader()) {
      TaskPaths paths = new TaskPaths(settings.root());
      stopper(settings, CgroupSwitch.enabled()
          ? TaskCgroup.find(paths, settings.taskId()) : Optional.empty()).killMarked();
    }
    new TaskFiles(new TaskPaths(settings.root()), settings.taskId()).finish();
  }

  /** The task's kill ladder; a signal the kernel refuses is said on stderr, and the ladder goes on. */
  static Stopper stopper(RunnerSettings settings, Optional<TaskCgroup> cgroup) {
    return new Stopper(TaskMarker.of(settings.root(), settings.taskId()),
        new TaskPaths(settings.root()).checkpointDirectory(settings.taskId()), cgroup,
        e -> System.err.println("thermos run: " + e.getMessage()));
  }
}
