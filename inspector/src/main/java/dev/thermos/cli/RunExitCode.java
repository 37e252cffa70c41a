package dev.thermos.cli;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointLockedException;
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
  /** The checkpoint was deleted while the task ran; its processes were stopped. */
  public static final int CHECKPOINT_DELETED = 74;
  public static final int LOCKED = 75;
  /** The checkpoint of the task being resumed is corrupt or does not replay. */
  public static final int CORRUPT_CHECKPOINT = 76;
  /** The task already ended (Aurora's TERMINAL_TASK). */
  public static final int ALREADY_TERMINAL = 105;

  private RunExitCode() {}

  /**
   * The code of an error {@code run} or {@code simplerun} did not handle itself: never one of the
   * task results (0, 1, 3, 4), which only a task's real end gives.
   */
  static int of(Exception e) {
    if (e instanceof UsageException) {
      return USAGE;
    }
    if (e instanceof CheckpointException) {
      return CORRUPT_CHECKPOINT;
    }
    if (e instanceof CheckpointLockedException) {
      return LOCKED;
    }
    if (e instanceof java.io.IOException) {
      return SETUP;
    }
    return INTERNAL;
  }

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
