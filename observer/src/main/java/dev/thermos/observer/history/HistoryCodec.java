package dev.thermos.observer.history;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The byte layout of one history record, the whole body of one Chronicle Queue excerpt (the queue
 * frames it and gives it its index, the cursor). Strings are Chronicle's stop-bit length prefixed
 * UTF-8 ({@code utf8}; a null string is the length -1).
 *
 * <pre>
 * field        type     kinds  meaning
 * kind         u8       all    'T' transition, 'S' resource sample, 'D' disk sample
 * task_id      utf8     all
 * process      utf8     T S    null for a task state
 * run          i32      T S    -1 for a task state
 * state        utf8     T      the state's name
 * timestamp    f64      all    seconds since the epoch
 * return_code  i32      T      Integer.MIN_VALUE when absent
 * record_index i64      T      index of the record in the runner's stream (dedup across restarts)
 * cpu          f64      S      cores
 * rss          i64      S      bytes
 * threads      i32      S
 * bytes        i64      D      bytes allocated under the sandbox
 * </pre>
 *
 * An unknown kind (a newer observer's record) is skipped by readers, never fatal.
 */
final class HistoryCodec {
  static final byte TRANSITION = 'T';
  static final byte SAMPLE = 'S';
  static final byte DISK = 'D';
  private static final int NO_RETURN_CODE = Integer.MIN_VALUE;

  private HistoryCodec() {}

  static void write(Bytes<?> out, Transition t) {
    out.writeByte(TRANSITION);
    out.writeUtf8(t.taskId());
    out.writeUtf8(t.process());
    out.writeInt(t.run());
    out.writeUtf8(t.state());
    out.writeDouble(t.timestamp());
    out.writeInt(t.returnCode() == null ? NO_RETURN_CODE : t.returnCode());
    out.writeLong(t.recordIndex());
  }

  static void write(Bytes<?> out, ResourceSample s) {
    out.writeByte(SAMPLE);
    out.writeUtf8(s.taskId());
    out.writeUtf8(s.process());
    out.writeInt(s.run());
    out.writeDouble(s.timestamp());
    out.writeDouble(s.cpu());
    out.writeLong(s.rssBytes());
    out.writeInt(s.threads());
  }

  static void write(Bytes<?> out, DiskSample d) {
    out.writeByte(DISK);
    out.writeUtf8(d.taskId());
    out.writeDouble(d.timestamp());
    out.writeLong(d.bytes());
  }

  /** Reads the kind and the task id, leaving {@code in} at the first kind-specific field. */
  static byte kind(Bytes<?> in) {
    return in.readByte();
  }

  static String taskId(Bytes<?> in) {
    return in.readUtf8();
  }

  /** The rest of a transition after its kind and task id. */
  static Transition transition(Bytes<?> in, String taskId) {
    String process = in.readUtf8();
    int run = in.readInt();
    String state = in.readUtf8();
    double timestamp = in.readDouble();
    int rc = in.readInt();
    long recordIndex = in.readLong();
    return new Transition(taskId, process, run, state, timestamp,
        rc == NO_RETURN_CODE ? null : rc, recordIndex);
  }

  /** The record index of a transition after its kind and task id (skipping the rest). */
  static long recordIndex(Bytes<?> in) {
    in.readUtf8();
    in.readInt();
    in.readUtf8();
    in.readSkip(8 + 4);
    return in.readLong();
  }

  static ResourceSample sample(Bytes<?> in, String taskId) {
    String process = in.readUtf8();
    int run = in.readInt();
    double timestamp = in.readDouble();
    double cpu = in.readDouble();
    long rss = in.readLong();
    int threads = in.readInt();
    return new ResourceSample(taskId, process, run, timestamp, cpu, rss, threads);
  }

  static DiskSample disk(Bytes<?> in, String taskId) {
    return new DiskSample(taskId, in.readDouble(), in.readLong());
  }
}
