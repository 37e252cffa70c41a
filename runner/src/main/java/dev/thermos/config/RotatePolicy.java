package dev.thermos.config;

/**
 * Aurora's {@code RotatePolicy}: when a process logger is in {@code rotate} mode, each of stdout
 * and stderr is rotated once it reaches {@code logSizeBytes}, keeping {@code backups} old files.
 */
public record RotatePolicy(long logSizeBytes, int backups) {
  /** Aurora's default {@code log_size}: 100 MiB. */
  public static final long DEFAULT_LOG_SIZE_BYTES = 100L * 1024 * 1024;

  /** Aurora's default {@code backups}. */
  public static final int DEFAULT_BACKUPS = 5;

  /** The policy with Aurora's defaults (100 MiB, 5 backups). */
  public static RotatePolicy defaults() {
    return new RotatePolicy(DEFAULT_LOG_SIZE_BYTES, DEFAULT_BACKUPS);
  }
}
