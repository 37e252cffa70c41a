package dev.thermos.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * One run of one process, as the coordinator is told about it.
 *
 * @param checkpoint the process's coordinator checkpoint file ({@code coordinator.<process>})
 * @param process the process name, recorded in every record
 * @param seq the sequence number of the FORKED record; RUNNING and the ending take seq+1 and seq+2
 * @param sandbox the working directory of the command
 * @param stdout the stdout log file
 * @param stderr the stderr log file
 * @param logs where output goes and how files rotate
 * @param cmdline the command, run as {@code /bin/bash -c cmdline}
 * @param environment the complete environment of the coordinator and the command
 * @param options working directory, success codes and user ({@link LaunchOptions#NONE}: Aurora's)
 * @param withoutShell exec the words of {@code cmdline} directly instead (a process with
 *     {@code "shell": false} and no profile; the coordinator checks again that they are plain)
 */
public record LaunchSpec(
    Path checkpoint,
    String process,
    long seq,
    Path sandbox,
    Path stdout,
    Path stderr,
    LogSpec logs,
    String cmdline,
    Map<String, String> environment,
    LaunchOptions options,
    boolean withoutShell) {

  /** A launch as Aurora's: no {@link LaunchOptions}, through {@code /bin/bash -c}. */
  public LaunchSpec(Path checkpoint, String process, long seq, Path sandbox, Path stdout,
      Path stderr, LogSpec logs, String cmdline, Map<String, String> environment) {
    this(checkpoint, process, seq, sandbox, stdout, stderr, logs, cmdline, environment,
        LaunchOptions.NONE, false);
  }

  /** A launch through {@code /bin/bash -c}, as Aurora runs every process. */
  public LaunchSpec(Path checkpoint, String process, long seq, Path sandbox, Path stdout,
      Path stderr, LogSpec logs, String cmdline, Map<String, String> environment,
      LaunchOptions options) {
    this(checkpoint, process, seq, sandbox, stdout, stderr, logs, cmdline, environment, options,
        false);
  }

  /** A launch without {@link LaunchOptions}. */
  public LaunchSpec(Path checkpoint, String process, long seq, Path sandbox, Path stdout,
      Path stderr, LogSpec logs, String cmdline, Map<String, String> environment,
      boolean withoutShell) {
    this(checkpoint, process, seq, sandbox, stdout, stderr, logs, cmdline, environment,
        LaunchOptions.NONE, withoutShell);
  }

  public LaunchSpec {
    if (checkpoint == null || process == null || sandbox == null || stdout == null
        || stderr == null || logs == null || cmdline == null || environment == null
        || options == null) {
      throw new IllegalArgumentException("every part of a launch spec is required");
    }
    if (process.isEmpty()) {
      throw new IllegalArgumentException("empty process name");
    }
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    environment = Map.copyOf(environment);
  }
}
