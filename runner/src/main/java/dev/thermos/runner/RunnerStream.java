package dev.thermos.runner;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.ReplayException;
import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runner's checkpoint: every transition goes through {@link #append}, which checks it against
 * the replay rules, makes it durable (one write, one sync for the group) and only then returns, so
 * that nothing acts on a transition that is not on disk. The in-memory state is the replay of what
 * was appended.
 */
final class RunnerStream implements Closeable {
  private final CheckpointWriter writer;
  private final Replayer replayer;
  private final Consumer<RunnerCkpt> listener;

  RunnerStream(CheckpointWriter writer, Replayer replayer, Consumer<RunnerCkpt> listener) {
    this.writer = writer;
    this.replayer = replayer;
    this.listener = listener;
  }

  /** Appends {@code records} durably, as one group. */
  void append(List<RunnerCkpt> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    for (RunnerCkpt r : records) {
      try {
        replayer.apply(r);
      } catch (ReplayException e) {
        throw new IllegalStateException("runner produced an invalid record " + r + ": "
            + e.getMessage(), e);
      }
    }
    writer.append(records);
    for (RunnerCkpt r : records) {
      listener.accept(r);
    }
  }

  void append(RunnerCkpt record) throws IOException {
    append(List.of(record));
  }

  RunnerState state() {
    return replayer.state();
  }

  /** The last run of {@code process}, or null when it never ran. */
  ProcessStatus lastRun(String process) {
    List<ProcessStatus> runs = replayer.state().getProcesses().get(process);
    return runs == null ? null : runs.get(runs.size() - 1);
  }

  /** The number of runs {@code process} has had (the index of its next run). */
  int runCount(String process) {
    List<ProcessStatus> runs = replayer.state().getProcesses().get(process);
    return runs == null ? 0 : runs.size();
  }

  /** The sequence number the next record of {@code process} must carry. */
  long nextSeq(String process) {
    ProcessStatus last = lastRun(process);
    return last == null ? 0 : last.getSeq() + 1;
  }

  TaskState taskState() {
    List<TaskStatus> statuses = replayer.state().getStatuses();
    return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).getState();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
