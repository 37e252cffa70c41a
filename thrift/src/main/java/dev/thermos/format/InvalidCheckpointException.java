package dev.thermos.format;

import java.nio.file.Path;

/**
 * The records of a checkpoint decode but do not replay: a second header, a sequence number out of
 * order, a transition the state machines forbid, a record missing a field its state requires.
 */
public final class InvalidCheckpointException extends CheckpointException {
  public InvalidCheckpointException(Path path, long offset, long recordIndex, String reason) {
    super("invalid", path, offset, recordIndex, reason);
  }
}
