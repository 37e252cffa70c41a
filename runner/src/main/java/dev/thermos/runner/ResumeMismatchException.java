package dev.thermos.runner;

/**
 * A resume asked for something other than what the checkpoint records: another task, sandbox or
 * ports. Nothing was written. The message is one line naming the first difference.
 */
public final class ResumeMismatchException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean differentTask;

  ResumeMismatchException(String message, boolean differentTask) {
    super(message);
    this.differentTask = differentTask;
  }

  /** True when the task itself differs (not an argument of the command line). */
  public boolean differentTask() {
    return differentTask;
  }
}
