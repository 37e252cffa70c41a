package dev.thermos.runner;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The runner's checkpoint lost its name while the task ran (its directory or the whole root was
 * deleted): what the runner records can no longer be read by anyone, so the task is stopped.
 */
public final class CheckpointDeletedException extends IOException {
  private static final long serialVersionUID = 1L;

  CheckpointDeletedException(Path checkpoint) {
    super(checkpoint + " was deleted while the task ran");
  }
}
