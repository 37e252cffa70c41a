package dev.thermos.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Aurora's {@code Logger}: where a process's stdout and stderr go and whether the files rotate.
 * {@code rotate} is {@code null} when not given (Aurora's Empty); consumers then use
 * {@link RotatePolicy#defaults()}.
 */
public record LoggerConfig(Destination destination, Mode mode, RotatePolicy rotate) {
  /** Aurora's {@code LoggerDestination}; the JSON form is the lower-case name. */
  public enum Destination {
    FILE, CONSOLE, BOTH, NONE;

    /** The JSON spelling, e.g. {@code file}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Aurora's {@code LoggerMode}; the JSON form is the lower-case name. */
  public enum Mode {
    STANDARD, ROTATE;

    /** The JSON spelling, e.g. {@code standard}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LoggerConfig {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(mode, "mode");
  }

  /** A logger with Aurora's defaults: destination {@code file}, mode {@code standard}. */
  public static LoggerConfig defaults() {
    return new LoggerConfig(Destination.FILE, Mode.STANDARD, null);
  }
}
