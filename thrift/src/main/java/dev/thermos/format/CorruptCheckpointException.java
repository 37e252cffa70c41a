package dev.thermos.format;

import java.nio.file.Path;

/**
 * The bytes of a checkpoint are not a stream of records: a length over the maximum, a payload that
 * does not decode, a union with other than one member set.
 */
public final class CorruptCheckpointException extends CheckpointException {
  public CorruptCheckpointException(Path path, long offset, long recordIndex, String reason) {
    super("corrupt", path, offset, recordIndex, reason);
  }
}
