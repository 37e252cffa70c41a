package dev.thermos.supervision;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a pid is now, from {@code /proc/<pid>}: its start time (field 22 of {@code stat}, clock ticks
 * after boot) and its command line. The one identity check of thermos: a pid read from a checkpoint
 * is signalled only when the process using it now started within the window the checkpoint allows
 * ({@link #startedWithin}), so that a reused pid is never taken for the recorded process.
 */
public final class ProcessIdentity {
  /** How far a recorded start time may be from {@code /proc}'s (Aurora's MAX_START_TIME_DRIFT). */
  public static final double START_DRIFT_SECS = 10.0;
  /** How long after its last status a runner's start may appear to be (clock ticks, skew). */
  public static final double RUNNER_START_SLACK_SECS = 60.0;

  private ProcessIdentity() {}

  /** True when a process with this pid exists (zombies included). */
  public static boolean exists(int pid) {
    return pid > 0 && Files.exists(Path.of("/proc", Integer.toString(pid)));
  }

  /** True when {@code pid} is a live process (not gone, not a zombie). */
  public static boolean isLive(int pid) {
    ProcessTree.Entry e = stat(pid);
    return e != null && e.alive();
  }

  /**
   * The parsed {@code /proc/<pid>/stat}, or null when the process is gone (or its line unreadable).
   * Through raw descriptors ({@link ProcReader}): a runner asks after every run's end, and a
   * missing file costs no exception.
   */
  private static ProcessTree.Entry stat(int pid) {
    if (pid <= 0 || !new File("/proc/" + pid).exists()) {
      return null;  // gone: looked for without JNA, whose failed open costs two exceptions
    }
    ProcReader reader = new ProcReader();
    return reader.read(pid, "stat")
        ? ProcessTree.parseStat(reader.content(), reader.length()) : null;
  }

  /** The process's arguments joined by spaces, or empty when it is gone or unreadable. */
  public static Optional<String> commandLine(int pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"));
      return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The process's start time in epoch seconds (boot time plus its start ticks), or empty when it is
   * gone. Accurate to a clock tick (10 ms). The command name in {@code stat} may hold spaces and
   * parentheses, so fields are counted after the last ')'.
   */
  public static Optional<Double> startTimeSecs(int pid) {
    return startTicks(pid).map(ticks -> epochSecs(ticks, bootSecs()));
  }

  /** The process's start time in clock ticks after boot, or empty when it is gone. */
  public static Optional<Long> startTicks(int pid) {
    ProcessTree.Entry e = stat(pid);
    return e == null ? Optional.empty() : Optional.of(e.startTicks());
  }

  /**
   * A start time in clock ticks after boot as epoch seconds, against {@code bootSecs} (from
   * {@link #bootSecs()}, taken once for many conversions).
   */
  public static double epochSecs(long startTicks, double bootSecs) {
    return bootSecs + startTicks / (double) BootTime.CLOCK_TICKS;
  }

  /** The wall-clock time of boot in epoch seconds, as of now. */
  public static double bootSecs() {
    return BootTime.seconds();
  }

  /** True when {@code pid} exists and started no earlier than {@code fromSecs}, no later than {@code toSecs}. */
  public static boolean startedWithin(int pid, double fromSecs, double toSecs) {
    return startTimeSecs(pid).map(start -> start >= fromSecs && start <= toSecs).orElse(false);
  }

  /**
   * True when {@code pid} is the process a checkpoint recorded as started at {@code recordedSecs}
   * (within {@link #START_DRIFT_SECS}), not a reuse of its pid.
   */
  public static boolean isRecordedProcess(int pid, double recordedSecs) {
    return startedWithin(pid, recordedSecs - START_DRIFT_SECS, recordedSecs + START_DRIFT_SECS);
  }

  /**
   * True when {@code pid} is the thermos runner (ours or Aurora's) that wrote a task status at
   * {@code statusSecs}: its command line names thermos and it started before that status (within
   * {@link #RUNNER_START_SLACK_SECS}); a process started later reuses the pid.
   */
  public static boolean isRunnerOf(int pid, double statusSecs) {
    return commandLine(pid).map(cmd -> cmd.contains("thermos")).orElse(false)
        && startedWithin(pid, Double.NEGATIVE_INFINITY, statusSecs + RUNNER_START_SLACK_SECS);
  }
}
