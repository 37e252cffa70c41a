package dev.thermos.runner;

import java.nio.file.Path;

/** A sandbox the runner refuses to use (see {@link SandboxRules}); the message is one line. */
public final class InvalidSandboxException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidSandboxException(Path sandbox, String reason) {
    super("--sandbox " + sandbox + ": " + reason);
  }
}
