package dev.thermos.launch;

/**
 * Where a process's stdout and stderr go, as Aurora's {@code Logger} configures it.
 *
 * @param destination file, console, both or none
 * @param mode standard (one growing file) or rotate (bounded files with numbered backups)
 * @param logSizeBytes in rotate mode, the size at which the current file is rotated
 * @param backups in rotate mode, how many rotated files ({@code name.1 .. name.N}) are kept
 */
public record LogSpec(Destination destination, Mode mode, long logSizeBytes, int backups) {
  /** Aurora's default rotation size: 100 MiB (as {@code RotatePolicy}'s in the task config). */
  public static final long DEFAULT_LOG_SIZE = 100L * 1024 * 1024;
  /** Aurora's default number of backups. */
  public static final int DEFAULT_BACKUPS = 5;

  /** Where output goes. */
  public enum Destination { FILE, CONSOLE, BOTH, NONE }

  /** How log files grow. */
  public enum Mode { STANDARD, ROTATE }

  public LogSpec {
    if (destination == null || mode == null) {
      throw new IllegalArgumentException("destination and mode are required");
    }
    if (logSizeBytes <= 0) {
      throw new IllegalArgumentException("log size must be positive: " + logSizeBytes);
    }
    if (backups < 0) {
      throw new IllegalArgumentException("backups must not be negative: " + backups);
    }
  }

  /** Aurora's default: standard files in the log directory. */
  public static LogSpec standardFiles() {
    return new LogSpec(Destination.FILE, Mode.STANDARD, DEFAULT_LOG_SIZE, DEFAULT_BACKUPS);
  }

  /** True when the coordinator creates or writes the stdout/stderr files. */
  public boolean writesFiles() {
    return destination == Destination.FILE || destination == Destination.BOTH;
  }

  /** True when output also reaches the coordinator's own stdout/stderr. */
  public boolean reachesConsole() {
    return destination == Destination.CONSOLE || destination == Destination.BOTH;
  }
}
