package dev.thermos.format;

/**
 * A record that the replay state machines refuse. Carries no location: {@link CheckpointReplay}
 * turns it into an {@link InvalidCheckpointException} naming the file, offset and record.
 */
public final class ReplayException extends Exception {
  public ReplayException(String message) {
    super(message);
  }
}
