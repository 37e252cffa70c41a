package dev.thermos.cli;

import dev.thermos.gen.TaskState;

/** Exit codes of {@code thermos run} and {@code thermos simplerun} (documented in the README). */
public final class RunExitCode {
  public static final int SUCCESS = 0;
  public static final int FAILED = 1;
  public static final int KILLED = 3;
  public static final int LOST = 4;
  public static final int USAGE = 64;
  public static final int INVALID_TASK = 65;
  public static final int INTERNAL = 70;
  /** The root, the checkpoint or the sandbox could not be created before the task started. */
  public static final int SETUP = 73;
  public static final int LOCKED = 75;
  /** The task already ended (Aurora's TERMINAL_TASK). */
  public static final int ALREADY_TERMINAL = 105;

  private RunExitCode() {}

  static int of(TaskState state) {
    return switch (state) {
      case SUCCESS -> SUCCESS;
      case FAILED -> FAILED;
      case KILLED -> KILLED;
      case LOST -> LOST;
      default -> INTERNAL;
    };
  }
}
