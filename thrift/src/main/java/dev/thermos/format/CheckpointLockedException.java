package dev.thermos.format;

import java.io.IOException;
import java.nio.file.Path;

/** Another process holds the exclusive {@code flock(2)} of a checkpoint. */
public final class CheckpointLockedException extends IOException {
  private final Path path;

  public CheckpointLockedException(Path path, String detail) {
    super(path + ": " + detail);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
