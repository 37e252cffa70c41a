package dev.thermos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from {@code /proc}. */
final class ProcStat {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ProcStat() {}

  /** User + system CPU seconds of {@code pid} so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** A {@code kB} field of {@code /proc/PID/status} ({@code VmRSS}, {@code VmHWM}), in MiB. */
  static double statusMib(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("no " + field + " for " + pid);
  }
}
