package dev.thermos.cli;

/** A command line that parses but makes no sense; exits with {@link ExitCode#USAGE}. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
