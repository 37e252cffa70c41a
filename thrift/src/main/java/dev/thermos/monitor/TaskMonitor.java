package dev.thermos.monitor;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Aurora's {@code TaskMonitor}: follows one runner checkpoint incrementally. {@link #refresh()}
 * applies whatever complete records were appended since the last call (a missing file is "nothing
 * yet"); the state only ever moves forward. Never locks, never writes. Not thread-safe.
 */
public final class TaskMonitor implements Closeable {
  private final Path checkpoint;
  private final Replayer replayer = new Replayer();
  private CheckpointReader reader;
  private CheckpointException failure;

  public TaskMonitor(Path checkpoint) {
    this.checkpoint = checkpoint;
  }

  public Path checkpoint() {
    return checkpoint;
  }

  /**
   * Applies the records appended since the last call.
   *
   * @return whether any record was applied
   * @throws dev.thermos.format.CheckpointException when the stream is corrupt or does not replay
   * @throws IOException when the file cannot be read
   */
  public boolean refresh() throws IOException {
    if (reader == null) {
      try {
        reader = CheckpointReader.openInTask(checkpoint);
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    if (failure != null) {
      // The reader has moved past an invalid record: what follows must not be applied.
      throw failure;
    }
    try {
      return CheckpointReplay.replay(reader, replayer).records() > 0;
    } catch (CheckpointException e) {
      failure = e;
      throw e;
    }
  }

  /** The state replayed so far (live: later refreshes change it). */
  public RunnerState state() {
    return replayer.state();
  }

  /** The runs of {@code process} so far, oldest first (empty when it has none). */
  public List<ProcessStatus> runs(String process) {
    List<ProcessStatus> runs = state().getProcesses().get(process);
    return runs == null ? List.of() : runs;
  }

  /** The state of run {@code run} of {@code process}, if the stream has it. */
  public Optional<ProcessState> runState(String process, int run) {
    List<ProcessStatus> runs = runs(process);
    return run < runs.size() ? Optional.of(runs.get(run).getState()) : Optional.empty();
  }

  /**
   * Whether run {@code run} of {@code process} may still write to its log: the stream has it and
   * it is not terminal, or the stream does not have it yet and the task has not ended (a run the
   * runner is about to record).
   */
  public boolean runIsLive(String process, int run) {
    return runState(process, run).map(s -> !Replayer.isTerminal(s)).orElse(!taskEnded());
  }

  /** Whether the last task state is terminal (SUCCESS, FAILED, KILLED or LOST). */
  public boolean taskEnded() {
    return Replayer.isTerminal(TaskSummary.lastState(state()));
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
