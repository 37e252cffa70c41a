package dev.thermos.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>} says about a process: whether it exists, its command line and its start
 * time (in clock ticks since boot, field 22 of {@code stat}). Used to make sure a pid read from a
 * checkpoint still names the process that was recorded before anything signals it.
 */
public final class ProcessIdentity {
  private ProcessIdentity() {}

  /** True when a process with this pid exists (zombies included). */
  public static boolean exists(int pid) {
    return pid > 0 && Files.exists(Path.of("/proc", Integer.toString(pid)));
  }

  /** The process's arguments joined by spaces, or empty when it is gone or unreadable. */
  public static Optional<String> commandLine(int pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"));
      String joined = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
      return Optional.of(joined);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The process's start time in clock ticks after boot, or empty when it is gone. The command name
   * in {@code stat} may hold spaces and parentheses, so fields are counted after the last ')'.
   */
  public static Optional<Long> startTicks(int pid) {
    try {
      return statField(pid, 22).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The process's start time in epoch seconds (boot time plus its start ticks), or empty when it is
   * gone. Accurate to a clock tick (10 ms).
   */
  public static Optional<Double> startTimeSecs(int pid) {
    return startTicks(pid).map(ticks -> BootTime.seconds() + ticks / (double) BootTime.CLOCK_TICKS);
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

  /**
   * True when {@code pid} is alive and started within {@code toleranceSecs} of
   * {@code expectedStartSecs}: the same process a checkpoint recorded, not a reuse of its pid.
   */
  public static boolean isSameProcess(int pid, double expectedStartSecs, double toleranceSecs) {
    return startTimeSecs(pid)
        .map(start -> Math.abs(start - expectedStartSecs) < toleranceSecs)
        .orElse(false);
  }

  private static Optional<String> statField(int pid, int field) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(close + 2).split(" ");
    int index = field - 3;
    return index < fields.length ? Optional.of(fields[index]) : Optional.empty();
  }

  /** True when the process looks like a thermos runner: ours (Java) or Aurora's (Python). */
  public static boolean isThermosRunner(int pid) {
    return commandLine(pid)
        .map(cmd -> cmd.contains("thermos"))
        .orElse(false);
  }
}
