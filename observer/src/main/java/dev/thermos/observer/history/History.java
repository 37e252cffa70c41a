package dev.thermos.observer.history;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The observer's history: every transition and every resource and disk sample, appended to a
 * Chronicle Queue in one directory, rolled hourly, files older than the retention deleted. An
 * excerpt's index is its cursor: the event id of a transition on the event stream.
 *
 * <p>In memory: per task the cursors of its records ({@link TaskCursors}, about two bytes a
 * record), rebuilt by one scan when opened, so that a task's range is read excerpt by excerpt
 * instead of scanning everything; and per task the highest runner record index kept: the watcher
 * replays every checkpoint when the observer starts, and a transition at or below it is not kept
 * twice. A transition older than the retention is not kept either (it would have been deleted).
 *
 * <p>Appends are serialised on this object (the watcher and the sampler each append on their own
 * thread); reads use a tailer of their own and run concurrently.
 */
public final class History implements AutoCloseable {
  /** Hourly files, 2^32 excerpts an hour at most. */
  static final RollCycle ROLL_CYCLE = RollCycles.FAST_HOURLY;

  private final Path dir;
  private final Duration retention;
  private final TimeProvider clock;
  private final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  private final RetentionSweeper sweeper;
  private final Map<String, TaskCursors> tasks = new HashMap<>();
  private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
  private int lastSweptCycle = Integer.MIN_VALUE;
  private long lastTransitionCursor = -1;

  private History(Path dir, Duration retention, TimeProvider clock) {
    this.dir = dir;
    this.retention = retention;
    this.clock = clock;
    this.queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(ROLL_CYCLE).timeProvider(clock)
        .build();
    this.appender = queue.createAppender();
    appender.singleThreadedCheckDisabled(true);
    this.sweeper = new RetentionSweeper(dir, ROLL_CYCLE, retention);
  }

  /**
   * Opens (or creates) the history in {@code dir}, deletes what is older than {@code retention}
   * and indexes the rest.
   *
   * @param clock the time appends are filed under (Chronicle's clock; tests inject one)
   * @throws IOException when the directory cannot be created, listed or opened as a queue
   */
  public static History open(Path dir, Duration retention, TimeProvider clock) throws IOException {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive: " + retention);
    }
    Files.createDirectories(dir);
    History history;
    try {
      history = new History(dir, retention, clock);
    } catch (RuntimeException e) {
      throw new IOException("cannot open the queue: " + e.getMessage(), e);
    }
    try {
      history.sweepIfRolled();
      new HistoryIndexer(history.queue).rebuild(history.tasks, cursor -> {
        history.lastTransitionCursor = cursor;
      });
    } catch (RuntimeException e) {
      history.close();
      throw e;
    }
    return history;
  }

  /** The directory it keeps its files in. */
  public Path directory() {
    return dir;
  }

  /** Called (on the appending thread) after each append: must not block. */
  public void onAppend(Runnable listener) {
    appendListeners.add(listener);
  }

  /**
   * Keeps {@code t} unless a transition of its task with the same or a higher record index is
   * already kept, or it is older than the retention.
   *
   * @return its cursor, or -1 when it was not kept
   */
  public long append(Transition t) {
    long cursor;
    synchronized (this) {
      TaskCursors task = tasks.computeIfAbsent(t.taskId(), k -> new TaskCursors());
      if (t.recordIndex() <= task.highestRecordIndex() || expired(t.timestamp())) {
        return -1;
      }
      cursor = write(out -> HistoryCodec.write(out, t));
      task.addTransition(cursor, t.recordIndex());
      lastTransitionCursor = cursor;
    }
    appendListeners.forEach(Runnable::run);
    return cursor;
  }

  /** Keeps a resource sample; returns its cursor. */
  public synchronized long append(ResourceSample s) {
    long cursor = write(out -> HistoryCodec.write(out, s));
    tasks.computeIfAbsent(s.taskId(), k -> new TaskCursors())
        .addSample(cursor, ROLL_CYCLE.toCycle(cursor));
    return cursor;
  }

  /** Keeps a disk sample; returns its cursor. */
  public synchronized long append(DiskSample d) {
    long cursor = write(out -> HistoryCodec.write(out, d));
    tasks.computeIfAbsent(d.taskId(), k -> new TaskCursors())
        .addSample(cursor, ROLL_CYCLE.toCycle(cursor));
    return cursor;
  }

  private long write(Consumer<Bytes<?>> body) {
    sweepIfRolled();
    try (DocumentContext dc = appender.writingDocument()) {
      body.accept(dc.wire().bytes());
    }
    return appender.lastIndexAppended();
  }

  private boolean expired(double timestampSecs) {
    return timestampSecs * 1000 < clock.currentTimeMillis() - retention.toMillis();
  }

  /** On the first append of each cycle (and when opened): deletes what expired. */
  private synchronized void sweepIfRolled() {
    int cycle = (int) Math.floorDiv(clock.currentTimeMillis(), ROLL_CYCLE.lengthInMillis());
    if (cycle == lastSweptCycle) {
      return;
    }
    lastSweptCycle = cycle;
    try {
      int firstKept = sweeper.sweep(clock.currentTimeMillis());
      queue.refreshDirectoryListing();
      for (TaskCursors task : tasks.values()) {
        task.dropBefore(firstKept, ROLL_CYCLE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete expired history in " + dir, e);
    }
  }

  /** Whether anything of {@code taskId} was ever appended (and not yet forgotten). */
  public synchronized boolean knows(String taskId) {
    return tasks.containsKey(taskId);
  }

  /**
   * What is kept of {@code taskId} with a timestamp from {@code fromSecs} to {@code toSecs} (both
   * included; use infinities for no bound): reads only that task's excerpts.
   */
  public TaskHistory query(String taskId, double fromSecs, double toSecs) {
    long[] transitions;
    long[] samples;
    synchronized (this) {
      TaskCursors task = tasks.get(taskId);
      if (task == null) {
        return new TaskHistory(taskId, List.of(), List.of(), List.of());
      }
      transitions = task.transitions();
      samples = task.samples(cycleOf(fromSecs, -1), cycleOf(toSecs, +1));
    }
    return new RangeReader(queue, taskId, fromSecs, toSecs).read(transitions, samples);
  }

  /** The cycle of a time, widened by one cycle in the direction {@code slack} for clock skew. */
  private static int cycleOf(double secs, int slack) {
    if (Double.isInfinite(secs) || Math.abs(secs) > 1e12) {
      return secs < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
    long cycle = Math.floorDiv((long) (secs * 1000), ROLL_CYCLE.lengthInMillis()) + slack;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, cycle));
  }

  /** A reader of transitions in append order, for one thread (the event stream's dispatcher). */
  public TransitionTail tail() {
    return new TransitionTail(queue);
  }

  /** The cursor of the last transition kept, or -1. */
  public synchronized long lastTransitionCursor() {
    return lastTransitionCursor;
  }

  /** Tasks with records in memory's index. */
  public synchronized int taskCount() {
    return tasks.size();
  }

  /** Bytes of the history's files on disk (apparent sizes) . */
  public long sizeBytes() {
    try (var files = Files.list(dir)) {
      return files.mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Bytes of the in-memory cursor index, roughly. */
  public synchronized long indexBytes() {
    return tasks.values().stream().mapToLong(TaskCursors::footprintBytes).sum();
  }

  @Override
  public synchronized void close() {
    appender.close();
    queue.close();
  }
}
