package dev.thermos.launch;

/**
 * Exit codes of the native coordinator ({@code src/main/c/thermos_coordinator.c}). A coordinator
 * killed by a signal has no exit code: the runner then sees the run as LOST unless an ending record
 * made it into the checkpoint first.
 */
public final class CoordinatorExit {
  /** The child's end was recorded in the checkpoint. */
  public static final int OK = 0;
  /**
   * Setup failed before the command was forked: bad arguments, or the sandbox, the checkpoint or a
   * log could not be opened safely (a link, a non-regular file; one line on stderr names the path);
   * nothing recorded.
   */
  public static final int SETUP_ERROR = 71;
  /** Another process holds the lock on the checkpoint file; nothing was written. */
  public static final int LOCKED = 75;
  /**
   * Forked by a spawner, it was told not to go, or its spawner ended before telling it to (see
   * {@link Spawner#go}): nothing was forked or written, and the run may be launched again.
   */
  public static final int NOT_LAUNCHED = 76;
  /**
   * Not an exit code: what a runner reports for a coordinator whose exit status it could not learn
   * (not its child; only the release of its checkpoint's lock said that it ended).
   */
  public static final int UNKNOWN = -2;

  private CoordinatorExit() {}

  /** A short description of {@code code} for messages. */
  public static String describe(int code) {
    switch (code) {
      case OK:
        return "ok";
      case SETUP_ERROR:
        return "setup error";
      case LOCKED:
        return "checkpoint locked by another process";
      case NOT_LAUNCHED:
        return "not launched (no go from the runner)";
      default:
        return "unexpected exit code " + code;
    }
  }
}
