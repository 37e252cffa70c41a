package dev.thermos.posix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path thermos will not open, create or remove: a symbolic link, a FIFO or device where a regular
 * file belongs, a {@code ..} component, or (for gc) something outside what a task owns. The message
 * is one line: {@code <path>: <reason>}.
 */
public final class UnsafePathException extends IOException {
  private final transient Path path;
  private final String reason;

  public UnsafePathException(Path path, String reason) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  public Path path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
