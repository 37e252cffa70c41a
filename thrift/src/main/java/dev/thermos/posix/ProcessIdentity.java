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
    // After ") " come fields 3.. (state is field 3); starttime is field 22.
    String[] fields = stat.substring(close + 2).split(" ");
    int index = 22 - 3;
    if (fields.length <= index) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(fields[index]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True when the process looks like a thermos runner: ours (Java) or Aurora's (Python). */
  public static boolean isThermosRunner(int pid) {
    return commandLine(pid)
        .map(cmd -> cmd.contains("thermos"))
        .orElse(false);
  }
}
