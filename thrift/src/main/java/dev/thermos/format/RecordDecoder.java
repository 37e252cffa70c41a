package dev.thermos.format;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes one TBinaryProtocol {@code RunnerCkpt} payload into the generated classes.
 *
 * <p>Written by hand rather than through libthrift's generated {@code read} for two reasons:
 * strictness (the generated union reader silently accepts zero members, overwrites on two, and
 * leaves trailing bytes unread) and speed (replay must sustain millions of records per second).
 * The property tests check it against libthrift on every record shape the writer produces.
 *
 * <p>Rules: known fields must carry their declared type; unknown field ids are skipped, as
 * Aurora's Python reader does; the union must have exactly one member; the payload must be consumed
 * exactly. Every length is checked against the bytes left before anything is allocated.
 *
 * <p>Not thread-safe: one decoder per reading thread.
 */
final class RecordDecoder {
  private static final byte STOP = 0;
  private static final byte BOOL = 2;
  private static final byte BYTE = 3;
  private static final byte DOUBLE = 4;
  private static final byte I16 = 6;
  private static final byte I32 = 8;
  private static final byte I64 = 10;
  private static final byte STRING = 11;
  private static final byte STRUCT = 12;
  private static final byte MAP = 13;
  private static final byte SET = 14;
  private static final byte LIST = 15;
  private static final byte UUID = 16;
  private static final int MAX_DEPTH = 64;

  private final Utf8Cache strings = new Utf8Cache();
  private byte[] buf;
  private int pos;
  private int end;

  /** Decodes {@code length} bytes of {@code bytes} from {@code offset}. */
  RunnerCkpt decode(byte[] bytes, int offset, int length) throws MalformedRecordException {
    this.buf = bytes;
    this.pos = offset;
    this.end = offset + length;
    RunnerCkpt ckpt = new RunnerCkpt();
    int members = 0;
    while (true) {
      byte type = readByte();
      if (type == STOP) {
        break;
      }
      short id = readShort();
      switch (id) {
        case 1 -> {
          expect(type, STRUCT, "runner_header");
          ckpt.setRunnerHeader(readHeader());
          members++;
        }
        case 2 -> {
          expect(type, STRUCT, "process_status");
          ckpt.setProcessStatus(readProcessStatus());
          members++;
        }
        case 3 -> {
          expect(type, STRUCT, "task_status");
          ckpt.setTaskStatus(readTaskStatus());
          members++;
        }
        default -> skip(type, 0);
      }
    }
    if (members != 1) {
      throw new MalformedRecordException("RunnerCkpt union has " + members + " members set, expected 1");
    }
    if (pos != end) {
      throw new MalformedRecordException((end - pos) + " bytes left over after the record");
    }
    return ckpt;
  }

  private RunnerHeader readHeader() throws MalformedRecordException {
    RunnerHeader h = new RunnerHeader();
    for (byte type = readByte(); type != STOP; type = readByte()) {
      short id = readShort();
      switch (id) {
        case 1 -> h.setTaskId(readString(type, "runner_header.task_id"));
        case 2 -> h.setLaunchTimeMs(readI64(type, "runner_header.launch_time_ms"));
        case 3 -> h.setSandbox(readString(type, "runner_header.sandbox"));
        case 4 -> h.setHostname(readString(type, "runner_header.hostname"));
        case 5 -> h.setUser(readString(type, "runner_header.user"));
        case 6 -> h.setPorts(readPorts(type));
        case 7 -> h.setLogDir(readString(type, "runner_header.log_dir"));
        case 8 -> h.setUid(readI32(type, "runner_header.uid"));
        default -> skip(type, 1);
      }
    }
    return h;
  }

  private ProcessStatus readProcessStatus() throws MalformedRecordException {
    ProcessStatus s = new ProcessStatus();
    for (byte type = readByte(); type != STOP; type = readByte()) {
      short id = readShort();
      switch (id) {
        case 1 -> s.setSeq(readI64(type, "process_status.seq"));
        case 3 -> s.setProcess(readString(type, "process_status.process"));
        case 5 -> s.setState(processState(readI32(type, "process_status.state")));
        case 6 -> s.setStartTime(readDouble(type, "process_status.start_time"));
        case 7 -> s.setPid(readI32(type, "process_status.pid"));
        case 8 -> s.setStopTime(readDouble(type, "process_status.stop_time"));
        case 9 -> s.setReturnCode(readI32(type, "process_status.return_code"));
        case 10 -> s.setCoordinatorPid(readI32(type, "process_status.coordinator_pid"));
        case 11 -> s.setForkTime(readDouble(type, "process_status.fork_time"));
        default -> skip(type, 1);
      }
    }
    return s;
  }

  private TaskStatus readTaskStatus() throws MalformedRecordException {
    TaskStatus s = new TaskStatus();
    for (byte type = readByte(); type != STOP; type = readByte()) {
      short id = readShort();
      switch (id) {
        case 1 -> s.setState(taskState(readI32(type, "task_status.state")));
        case 2 -> s.setTimestampMs(readI64(type, "task_status.timestamp_ms"));
        case 3 -> s.setRunnerPid(readI32(type, "task_status.runner_pid"));
        case 4 -> s.setRunnerUid(readI32(type, "task_status.runner_uid"));
        default -> skip(type, 1);
      }
    }
    return s;
  }

  private Map<String, Long> readPorts(byte type) throws MalformedRecordException {
    expect(type, MAP, "runner_header.ports");
    byte keyType = readByte();
    byte valueType = readByte();
    int count = readInt();
    if (count < 0) {
      throw new MalformedRecordException("runner_header.ports has negative size " + count);
    }
    Map<String, Long> ports = new LinkedHashMap<>();
    if (count == 0) {
      return ports;
    }
    if (keyType != STRING || valueType != I64) {
      throw new MalformedRecordException("runner_header.ports has key/value types "
          + keyType + "/" + valueType + ", expected map<string,i64>");
    }
    need((long) count * 12, "runner_header.ports");
    for (int i = 0; i < count; i++) {
      String name = readString(STRING, "runner_header.ports key");
      ports.put(name, readLong());
    }
    return ports;
  }

  private static ProcessState processState(int value) throws MalformedRecordException {
    ProcessState state = ProcessState.findByValue(value);
    if (state == null) {
      throw new MalformedRecordException("process_status.state: unknown ProcessState " + value);
    }
    return state;
  }

  private static TaskState taskState(int value) throws MalformedRecordException {
    TaskState state = TaskState.findByValue(value);
    if (state == null) {
      throw new MalformedRecordException("task_status.state: unknown TaskState " + value);
    }
    return state;
  }

  private static void expect(byte actual, byte expected, String field)
      throws MalformedRecordException {
    if (actual != expected) {
      throw new MalformedRecordException(
          field + " has wire type " + actual + ", expected " + expected);
    }
  }

  private String readString(byte type, String field) throws MalformedRecordException {
    expect(type, STRING, field);
    int length = readInt();
    if (length < 0) {
      throw new MalformedRecordException(field + " has negative length " + length);
    }
    need(length, field);
    String s = strings.get(buf, pos, length);
    pos += length;
    return s;
  }

  private long readI64(byte type, String field) throws MalformedRecordException {
    expect(type, I64, field);
    return readLong();
  }

  private int readI32(byte type, String field) throws MalformedRecordException {
    expect(type, I32, field);
    return readInt();
  }

  private double readDouble(byte type, String field) throws MalformedRecordException {
    expect(type, DOUBLE, field);
    return Double.longBitsToDouble(readLong());
  }

  private void skip(byte type, int depth) throws MalformedRecordException {
    if (depth > MAX_DEPTH) {
      throw new MalformedRecordException("structures nested deeper than " + MAX_DEPTH);
    }
    switch (type) {
      case BOOL, BYTE -> advance(1);
      case I16 -> advance(2);
      case I32 -> advance(4);
      case DOUBLE, I64 -> advance(8);
      case UUID -> advance(16);
      case STRING -> {
        int length = readInt();
        if (length < 0) {
          throw new MalformedRecordException("negative string length " + length);
        }
        advance(length);
      }
      case STRUCT -> {
        for (byte t = readByte(); t != STOP; t = readByte()) {
          readShort();
          skip(t, depth + 1);
        }
      }
      case MAP -> skipContainer(readByte(), readByte(), depth);
      case SET, LIST -> skipContainer(readByte(), (byte) -1, depth);
      default -> throw new MalformedRecordException("unknown wire type " + type);
    }
  }

  private void skipContainer(byte first, byte second, int depth) throws MalformedRecordException {
    int count = readInt();
    if (count < 0) {
      throw new MalformedRecordException("negative container size " + count);
    }
    // Every element takes at least one byte: a count above the bytes left is corruption.
    need(count, "container");
    for (int i = 0; i < count; i++) {
      skip(first, depth + 1);
      if (second != -1) {
        skip(second, depth + 1);
      }
    }
  }

  private void need(long bytes, String what) throws MalformedRecordException {
    if (bytes > end - pos) {
      throw new MalformedRecordException(
          what + " needs " + bytes + " bytes, only " + (end - pos) + " left in the record");
    }
  }

  private void advance(int bytes) throws MalformedRecordException {
    need(bytes, "field");
    pos += bytes;
  }

  private byte readByte() throws MalformedRecordException {
    if (pos >= end) {
      throw new MalformedRecordException("record ends inside a structure");
    }
    return buf[pos++];
  }

  private short readShort() throws MalformedRecordException {
    need(2, "field id");
    short v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
    pos += 2;
    return v;
  }

  private int readInt() throws MalformedRecordException {
    need(4, "i32");
    int v = Bytes.getInt(buf, pos);
    pos += 4;
    return v;
  }

  private long readLong() throws MalformedRecordException {
    need(8, "i64");
    long v = Bytes.getLong(buf, pos);
    pos += 8;
    return v;
  }
}
