package dev.thermos.config;

import java.util.Objects;

/**
 * Aurora's {@code Process}: one command line run as {@code /bin/bash -c cmdline}. String fields may
 * still hold {@code {{...}}} references until the task is interpolated ({@link Interpolator}).
 * {@code logger} and {@code resources} are {@code null} when not given (Aurora's Empty).
 *
 * @param maxFailures failed runs before the process is permanently failed; 0 = unlimited
 * @param daemon re-run after success
 * @param ephemeral does not count toward task completion
 * @param minDurationSecs seconds after a run ends before the next run may start
 * @param isFinal belongs to the finalizing plan (Aurora's {@code final})
 * @param options fields beyond Aurora's ({@link ProcessOptions#NONE} when none is given)
 * @param shell run through {@code /bin/bash -c} (Aurora's way, the default); false (the task
 *     file's {@code "shell": false}, thermos only) execs the command's words directly, which
 *     {@link PlainCommand} allows only for a command line without shell syntax
 */
public record ProcessConfig(
    String name,
    String cmdline,
    int maxFailures,
    boolean daemon,
    boolean ephemeral,
    int minDurationSecs,
    boolean isFinal,
    LoggerConfig logger,
    Resources resources,
    ProcessOptions options,
    boolean shell) {
  public static final int DEFAULT_MAX_FAILURES = 1;
  public static final int DEFAULT_MIN_DURATION_SECS = 5;

  public ProcessConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cmdline, "cmdline");
    Objects.requireNonNull(options, "options");
  }

  /** A process run through the shell, as Aurora runs every process, with no options. */
  public ProcessConfig(String name, String cmdline, int maxFailures, boolean daemon,
      boolean ephemeral, int minDurationSecs, boolean isFinal, LoggerConfig logger,
      Resources resources) {
    this(name, cmdline, maxFailures, daemon, ephemeral, minDurationSecs, isFinal, logger,
        resources, ProcessOptions.NONE, true);
  }

  /** A process run through the shell, as Aurora runs every process. */
  public ProcessConfig(String name, String cmdline, int maxFailures, boolean daemon,
      boolean ephemeral, int minDurationSecs, boolean isFinal, LoggerConfig logger,
      Resources resources, ProcessOptions options) {
    this(name, cmdline, maxFailures, daemon, ephemeral, minDurationSecs, isFinal, logger,
        resources, options, true);
  }

  /** A process without options. */
  public ProcessConfig(String name, String cmdline, int maxFailures, boolean daemon,
      boolean ephemeral, int minDurationSecs, boolean isFinal, LoggerConfig logger,
      Resources resources, boolean shell) {
    this(name, cmdline, maxFailures, daemon, ephemeral, minDurationSecs, isFinal, logger,
        resources, ProcessOptions.NONE, shell);
  }

  /** A process with every optional field at Aurora's default. */
  public static ProcessConfig of(String name, String cmdline) {
    return new ProcessConfig(
        name, cmdline, DEFAULT_MAX_FAILURES, false, false, DEFAULT_MIN_DURATION_SECS, false, null,
        null);
  }

  /** This process with another name. */
  public ProcessConfig withName(String newName) {
    return new ProcessConfig(newName, cmdline, maxFailures, daemon, ephemeral, minDurationSecs,
        isFinal, logger, resources, options, shell);
  }

  /** This process with other options. */
  public ProcessConfig withOptions(ProcessOptions newOptions) {
    return new ProcessConfig(name, cmdline, maxFailures, daemon, ephemeral, minDurationSecs,
        isFinal, logger, resources, newOptions, shell);
  }

  /** This process with another command line. */
  public ProcessConfig withCmdline(String newCmdline) {
    return new ProcessConfig(name, newCmdline, maxFailures, daemon, ephemeral, minDurationSecs,
        isFinal, logger, resources, options, shell);
  }
}
