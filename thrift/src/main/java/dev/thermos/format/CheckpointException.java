package dev.thermos.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint stream that cannot be used: where it went wrong (file, byte offset of the record,
 * index of the record counted from 0) and why.
 */
public abstract class CheckpointException extends IOException {
  private final Path path;
  private final long offset;
  private final long recordIndex;
  private final String reason;

  protected CheckpointException(
      String kind, Path path, long offset, long recordIndex, String reason) {
    super(path + ": " + kind + " record " + recordIndex + " at offset " + offset + ": " + reason);
    this.path = path;
    this.offset = offset;
    this.recordIndex = recordIndex;
    this.reason = reason;
  }

  public Path path() {
    return path;
  }

  /** Byte offset of the start of the offending record. */
  public long offset() {
    return offset;
  }

  /** Index of the offending record, counted from 0. */
  public long recordIndex() {
    return recordIndex;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
