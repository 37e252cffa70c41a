package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * The runner could not set the task up before it started: the root, the checkpoint, the sandbox
 * or the task file could not be created or opened (a read-only or full disk, no permission).
 * Nothing of the task ran.
 */
public final class RunnerSetupException extends IOException {
  private static final long serialVersionUID = 1L;

  RunnerSetupException(IOException cause) {
    super("cannot create the root or checkpoint: " + describe(cause), cause);
  }

  private static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + f.getClass().getSimpleName().replace("Exception", "");
    }
    if (e.getCause() instanceof LastErrorException c) {
      return e.getMessage() + " (" + LibC.strerror(c.getErrorCode()) + ")";
    }
    return e.getMessage();
  }
}
