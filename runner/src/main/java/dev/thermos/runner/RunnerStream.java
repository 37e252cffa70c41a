package dev.thermos.runner;

import dev.thermos.format.ReplayException;
import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runner's checkpoint: every transition goes through {@link #stage} or {@link #append}. Both
 * check it against the replay rules and apply it to the in-memory state at once; {@link #append}
 * makes it durable before returning, {@link #stage} leaves it pending until the next
 * {@link #flush}. The loop flushes before anything acts on a transition (a launch after WAITING, a
 * signal after CLEANING) and before it sleeps, so the records of one loop iteration share one write
 * and one sync (group commit) and nothing ever acts on a transition that is not on disk.
 *
 * <p>A flush that meets a full or read-only disk keeps its records pending and waits until they
 * are written ({@link WriteRetry}); one that finds the file deleted throws
 * {@link CheckpointDeletedException}, and so does {@link #checkNotDeleted} (called on a watch
 * event).
 */
final class RunnerStream implements Closeable {
  private final RecordSink writer;
  private final WriteRetry retry;
  private final Replayer replayer;
  private final Consumer<RunnerCkpt> listener;
  private final Runnable batchEnd;
  private final List<RunnerCkpt> pending = new ArrayList<>();
  private final List<RunnerCkpt> unannounced = new ArrayList<>();
  private long pendingSinceNanos;
  private boolean deleted;

  RunnerStream(RecordSink writer, WriteRetry retry, Replayer replayer,
      Consumer<RunnerCkpt> listener) {
    this(writer, retry, replayer, listener, () -> { });
  }

  /** As above; {@code batchEnd} runs after each group of records the listener was told of. */
  RunnerStream(RecordSink writer, WriteRetry retry, Replayer replayer,
      Consumer<RunnerCkpt> listener, Runnable batchEnd) {
    this.writer = writer;
    this.retry = retry;
    this.replayer = replayer;
    this.listener = listener;
    this.batchEnd = batchEnd;
  }

  /** Appends {@code records} (and anything staged) durably, as one group. */
  void append(List<RunnerCkpt> records) throws IOException {
    stage(records);
    flush();
  }

  /**
   * Appends like {@link #append} but tells the listener only at the next {@link #announce} (or
   * flush): the launch that waited for these records goes first, the console line after it.
   */
  void appendUnannounced(List<RunnerCkpt> records) throws IOException {
    stage(records);
    writePending(true);
  }

  /** Tells the listener of every durable record it has not been told of yet. */
  void announce() {
    if (unannounced.isEmpty()) {
      return;
    }
    for (RunnerCkpt r : unannounced) {
      listener.accept(r);
    }
    unannounced.clear();
    batchEnd.run();
  }

  /** Applies {@code records} to the state now; they reach the disk with the next flush. */
  void stage(List<RunnerCkpt> records) {
    for (RunnerCkpt r : records) {
      try {
        replayer.apply(r);
      } catch (ReplayException e) {
        throw new IllegalStateException("runner produced an invalid record " + r + ": "
            + e.getMessage(), e);
      }
      if (pending.isEmpty()) {
        pendingSinceNanos = System.nanoTime();
      }
      pending.add(r);
    }
  }

  /** How long the oldest staged record has waited for a flush, or -1 when none is staged. */
  long pendingMillis() {
    return pending.isEmpty() ? -1 : (System.nanoTime() - pendingSinceNanos) / 1_000_000;
  }

  void stage(RunnerCkpt record) {
    stage(List.of(record));
  }

  /**
   * Makes every staged record durable with one write and one sync; on a full or read-only disk,
   * waits until it can ({@link WriteRetry}).
   *
   * @throws CheckpointDeletedException when the file was deleted (before or after the write)
   */
  void flush() throws IOException {
    writePending(true);
    announce();
  }

  /**
   * Appends {@code records} (and anything staged) without waiting for a full or read-only disk:
   * for a new task's first records, when nothing has started yet and giving up is better.
   *
   * @throws dev.thermos.format.CheckpointWriteException when they could not be written
   */
  void appendOnce(List<RunnerCkpt> records) throws IOException {
    stage(records);
    writePending(false);
    announce();
  }

  private void writePending(boolean waitForDisk) throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<RunnerCkpt> group = List.copyOf(pending);
    if (waitForDisk) {
      boolean[] retrying = {false};
      retry.untilWritten(() -> {
        if (retrying[0]) {
          checkNotDeleted();  // deleted while the disk was full: stop waiting
        }
        retrying[0] = true;
        writer.append(group);
      });
    } else {
      writer.append(group);
    }
    pending.clear();
    unannounced.addAll(group);
    checkNotDeleted();
  }

  /** Throws when the checkpoint file no longer has a name (its directory or root was deleted). */
  void checkNotDeleted() throws IOException {
    if (deleted || writer.isDeleted()) {
      deleted = true;
      throw new CheckpointDeletedException(writer.path());
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
    try {
      if (!deleted) {
        flush();
      }
    } finally {
      writer.close();
    }
  }
}
