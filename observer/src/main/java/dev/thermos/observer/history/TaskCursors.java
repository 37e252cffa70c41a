package dev.thermos.observer.history;

import java.util.ArrayList;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Where one task's records are in the queue: the cursors of its transitions (all of them: few, and
 * a transition may be appended long after it happened, e.g. replayed after a restart), the cursors
 * of its samples per hourly cycle (samples are appended when taken, so a time range maps to a
 * range of cycles), and the highest runner record index kept (dedup). Guarded by the history.
 */
final class TaskCursors {
  private long highestRecordIndex = -1;
  private CursorList transitions = new CursorList();
  private final NavigableMap<Integer, CursorList> samplesByCycle = new TreeMap<>();

  long highestRecordIndex() {
    return highestRecordIndex;
  }

  void addTransition(long cursor, long recordIndex) {
    transitions.add(cursor);
    highestRecordIndex = Math.max(highestRecordIndex, recordIndex);
  }

  void addSample(long cursor, int cycle) {
    samplesByCycle.computeIfAbsent(cycle, c -> new CursorList()).add(cursor);
  }

  long[] transitions() {
    return transitions.toArray();
  }

  /** The sample cursors of cycles {@code fromCycle} to {@code toCycle}, both included, ascending. */
  long[] samples(int fromCycle, int toCycle) {
    if (fromCycle > toCycle) {
      return new long[0];
    }
    var lists = new ArrayList<long[]>();
    int total = 0;
    for (CursorList list : samplesByCycle.subMap(fromCycle, true, toCycle, true).values()) {
      long[] a = list.toArray();
      lists.add(a);
      total += a.length;
    }
    long[] out = new long[total];
    int pos = 0;
    for (long[] a : lists) {
      System.arraycopy(a, 0, out, pos, a.length);
      pos += a.length;
    }
    return out;
  }

  /** Forgets the cursors of cycles before {@code firstKeptCycle} (their files were deleted). */
  void dropBefore(int firstKeptCycle, RollCycle rollCycle) {
    samplesByCycle.headMap(firstKeptCycle, false).clear();
    if (transitions.size() > 0 && rollCycle.toCycle(transitions.first()) < firstKeptCycle) {
      CursorList kept = new CursorList();
      for (long cursor : transitions.toArray()) {
        if (rollCycle.toCycle(cursor) >= firstKeptCycle) {
          kept.add(cursor);
        }
      }
      transitions = kept;
    }
  }

  /** Bytes this index holds, roughly. */
  long footprintBytes() {
    long total = 64 + transitions.footprintBytes();
    for (Map.Entry<Integer, CursorList> e : samplesByCycle.entrySet()) {
      total += 48 + e.getValue().footprintBytes();
    }
    return total;
  }
}
