package dev.thermos.format;

import dev.thermos.gen.RunnerCkpt;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TTransport;

/**
 * Frames records for the checkpoint stream: for each record a 4-byte big-endian length, then the
 * {@code RunnerCkpt} in TBinaryProtocol as written by the generated code (fields in ascending id
 * order, unset optional fields omitted: byte-identical to Aurora's Python writer).
 *
 * <p>Not thread-safe: one encoder per writer.
 */
public final class RecordEncoder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final TBinaryProtocol protocol;
  /** (offset, length) of each record framed by the current call, to patch the prefixes. */
  private final List<int[]> lengths = new ArrayList<>();

  public RecordEncoder() {
    protocol = new TBinaryProtocol(new Sink(out));
  }

  /**
   * The protocol's output: bytes appended to {@code out}. Not Thrift's {@code TIOStreamTransport},
   * whose class initialisation sets up SLF4J (a service lookup over the class path, ~3 ms of a
   * task's start) for a logger this use never calls.
   */
  private static final class Sink extends TTransport {
    private final ByteArrayOutputStream out;

    Sink(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      throw new UnsupportedOperationException("an encoder's transport is write-only");
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      out.write(buf, off, len);
    }

    @Override
    public TConfiguration getConfiguration() {
      return TConfiguration.DEFAULT;
    }

    @Override
    public void updateKnownMessageSize(long size) {
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) {
    }

    @Override
    public void resetMessageSizeAndConsumedBytes(long newSize) {
    }
  }

  /** The framed bytes of {@code records}, concatenated, ready for one {@code write}. */
  public byte[] frame(List<RunnerCkpt> records) {
    out.reset();
    for (RunnerCkpt record : records) {
      int start = out.size();
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(0);
      encode(record);
      int length = out.size() - start - CheckpointFormat.LENGTH_BYTES;
      if (length > CheckpointFormat.MAX_RECORD_BYTES) {
        throw new IllegalArgumentException(
            "record of " + length + " bytes exceeds the maximum of " + CheckpointFormat.MAX_RECORD_BYTES);
      }
      lengths.add(new int[] {start, length});
    }
    byte[] bytes = out.toByteArray();
    for (int[] entry : lengths) {
      Bytes.putInt(bytes, entry[0], entry[1]);
    }
    lengths.clear();
    return bytes;
  }

  /** The framed bytes of one record. */
  public byte[] frame(RunnerCkpt record) {
    return frame(List.of(record));
  }

  private void encode(RunnerCkpt record) {
    if (record.getSetField() == null) {
      throw new IllegalArgumentException("RunnerCkpt with no member set");
    }
    try {
      record.write(protocol);
    } catch (TException e) {
      throw new IllegalArgumentException("cannot encode " + record + ": " + e.getMessage(), e);
    }
  }
}
