package dev.thermos.supervision;

import dev.thermos.posix.LibC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The boot time and the clock tick rate. The boot time is taken as now minus {@code /proc/uptime},
 * fresh at each call: {@code btime} of {@code /proc/stat} is whole seconds, and the wall clock
 * drifts from the boot clock (here by about a second an hour), so a value cached for the life of a
 * long-running runner would drift with it.
 */
final class BootTime {
  static final long CLOCK_TICKS = LibC.clockTicks();

  private BootTime() {}

  /** The wall-clock time of boot, in epoch seconds, as of now. */
  static double seconds() {
    try {
      double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
      return System.currentTimeMillis() / 1000.0 - uptime;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read /proc/uptime", e);
    }
  }
}
