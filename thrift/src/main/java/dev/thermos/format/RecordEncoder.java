package dev.thermos.format;

import dev.thermos.gen.RunnerCkpt;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TTransportException;

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
    try {
      protocol = new TBinaryProtocol(new TIOStreamTransport(out));
    } catch (TTransportException e) {
      throw new IllegalStateException(e);
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
