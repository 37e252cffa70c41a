package dev.thermos.observer.sample;

import dev.thermos.posix.LibC;

/** This host's clock tick rate and page size, for reading {@code /proc}. */
final class HostConstants {
  private static final int SC_PAGESIZE = 30;

  private HostConstants() {}

  static long clockTicks() {
    long t = LibC.sysconf(LibC.SC_CLK_TCK);
    return t > 0 ? t : 100;
  }

  static long pageBytes() {
    long p = LibC.sysconf(SC_PAGESIZE);
    return p > 0 ? p : 4096;
  }
}
