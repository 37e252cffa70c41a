package dev.thermos.observer.history;

import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the history's transitions in append order from a position, skipping samples: what the
 * event stream sends. For one thread; close it when done.
 */
public final class TransitionTail implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private final ExcerptTailer tailer;

  TransitionTail(SingleChronicleQueue queue) {
    this.queue = queue;
    this.tailer = queue.createTailer();
  }

  /** Positions after the last excerpt: only what is appended from now on is read. */
  public TransitionTail fromEnd() {
    tailer.toEnd();
    return this;
  }

  /**
   * Positions after {@code cursor}: a cursor older than everything kept reads from the oldest
   * kept, one past the end (or unknown) reads what is appended next.
   */
  public TransitionTail after(long cursor) {
    queue.refreshDirectoryListing();
    long first = queue.firstIndex();
    if (cursor < 0 || first == Long.MAX_VALUE || cursor < first) {
      tailer.toStart();
    } else if (tailer.moveToIndex(cursor)) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (dc.isPresent() && dc.index() != cursor) {
          dc.rollbackOnClose();
        }
      }
    } else {
      tailer.toEnd();
    }
    return this;
  }

  /**
   * Reads up to {@code max} transitions available now, telling {@code sink} each.
   *
   * @return how many were read
   */
  public int read(int max, Consumer<HistoryTransition> sink) {
    int n = 0;
    while (n < max) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return n;
        }
        Bytes<?> in = dc.wire().bytes();
        if (HistoryCodec.kind(in) == HistoryCodec.TRANSITION) {
          String taskId = HistoryCodec.taskId(in);
          sink.accept(new HistoryTransition(dc.index(), HistoryCodec.transition(in, taskId)));
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public void close() {
    tailer.close();
  }
}
