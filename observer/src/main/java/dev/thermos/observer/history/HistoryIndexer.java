package dev.thermos.observer.history;

import java.util.Map;
import java.util.function.LongConsumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Rebuilds the in-memory index of a history from its queue, in one pass: per task the cursors of
 * its records and the highest runner record index kept. Reads only the kind, the task id and, for
 * a transition, its record index.
 */
final class HistoryIndexer {
  private final SingleChronicleQueue queue;

  HistoryIndexer(SingleChronicleQueue queue) {
    this.queue = queue;
  }

  /** Fills {@code tasks}; tells {@code lastTransition} the cursor of each transition in order. */
  void rebuild(Map<String, TaskCursors> tasks, LongConsumer lastTransition) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      tailer.toStart();
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            return;
          }
          long cursor = dc.index();
          Bytes<?> in = dc.wire().bytes();
          byte kind = HistoryCodec.kind(in);
          if (kind != HistoryCodec.TRANSITION && kind != HistoryCodec.SAMPLE
              && kind != HistoryCodec.DISK) {
            continue;
          }
          TaskCursors task = tasks.computeIfAbsent(HistoryCodec.taskId(in), k -> new TaskCursors());
          if (kind == HistoryCodec.TRANSITION) {
            task.addTransition(cursor, HistoryCodec.recordIndex(in));
            lastTransition.accept(cursor);
          } else {
            task.addSample(cursor, History.ROLL_CYCLE.toCycle(cursor));
          }
        }
      }
    }
  }
}
