package dev.thermos.observer.history;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads one task's excerpts by their cursors and keeps those in a time range. A cursor whose file
 * was deleted meanwhile (retention) is skipped.
 */
final class RangeReader {
  private final SingleChronicleQueue queue;
  private final String taskId;
  private final double fromSecs;
  private final double toSecs;
  private final List<HistoryTransition> transitions = new ArrayList<>();
  private final List<ResourceSample> samples = new ArrayList<>();
  private final List<DiskSample> disk = new ArrayList<>();

  RangeReader(SingleChronicleQueue queue, String taskId, double fromSecs, double toSecs) {
    this.queue = queue;
    this.taskId = taskId;
    this.fromSecs = fromSecs;
    this.toSecs = toSecs;
  }

  TaskHistory read(long[] transitionCursors, long[] sampleCursors) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      for (long cursor : transitionCursors) {
        readAt(tailer, cursor);
      }
      for (long cursor : sampleCursors) {
        readAt(tailer, cursor);
      }
    }
    return new TaskHistory(taskId, transitions, samples, disk);
  }

  private void readAt(ExcerptTailer tailer, long cursor) {
    if (tailer.index() != cursor && !tailer.moveToIndex(cursor)) {
      return;
    }
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent() || dc.index() != cursor) {
        return;
      }
      Bytes<?> in = dc.wire().bytes();
      byte kind = HistoryCodec.kind(in);
      String task = HistoryCodec.taskId(in);
      if (!taskId.equals(task)) {
        return;
      }
      switch (kind) {
        case HistoryCodec.TRANSITION -> {
          Transition t = HistoryCodec.transition(in, task);
          if (inRange(t.timestamp())) {
            transitions.add(new HistoryTransition(cursor, t));
          }
        }
        case HistoryCodec.SAMPLE -> {
          ResourceSample s = HistoryCodec.sample(in, task);
          if (inRange(s.timestamp())) {
            samples.add(s);
          }
        }
        case HistoryCodec.DISK -> {
          DiskSample d = HistoryCodec.disk(in, task);
          if (inRange(d.timestamp())) {
            disk.add(d);
          }
        }
        default -> { }
      }
    }
  }

  private boolean inRange(double secs) {
    return secs >= fromSecs && secs <= toSecs;
  }
}
