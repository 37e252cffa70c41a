package dev.thermos.cli;

/**
 * Exit codes of the commands other than {@code run} (documented in the README). Only {@link Main}
 * and the command classes choose them.
 */
public final class ExitCode {
  public static final int OK = 0;
  /** Nothing matched, or the operation did not succeed. */
  public static final int FAILURE = 1;
  /** Bad command line. */
  public static final int USAGE = 2;
  /** A file or task that does not exist or cannot be read. */
  public static final int NOT_FOUND = 3;
  /** A checkpoint that is corrupt or does not replay. */
  public static final int CORRUPT = 4;
  /** A checkpoint locked by another process. */
  public static final int LOCKED = 5;
  /** A control verb: the task has ended, or it has no live runner or run to act on. */
  public static final int ENDED = 6;
  /** A control verb: the task has no such process. */
  public static final int NO_PROCESS = 7;
  /** A task file that does not load or validate ({@code inspect}): run's code for it. */
  public static final int INVALID = RunExitCode.INVALID_TASK;
  /** A bug: an exception nobody expected. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
