package dev.thermos.inspect;

import java.io.IOException;
import java.nio.file.Path;

/** A path gc will not remove: outside what the task owns, or what others own. */
public final class UnsafePathException extends IOException {
  public UnsafePathException(Path path, String reason) {
    super(path + ": " + reason);
  }
}
