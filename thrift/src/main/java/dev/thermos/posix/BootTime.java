package dev.thermos.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The boot time ({@code btime} of {@code /proc/stat}) and the clock tick rate, read once. */
final class BootTime {
  static final long SECONDS = read();
  static final long CLOCK_TICKS = ticks();

  private BootTime() {}

  private static long read() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("btime ")) {
          return Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read the boot time from /proc/stat", e);
    }
    throw new IllegalStateException("no btime in /proc/stat");
  }

  private static long ticks() {
    long t = LibC.sysconf(LibC.SC_CLK_TCK);
    return t > 0 ? t : 100;
  }
}
