package dev.thermos.cli;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.thermos.posix.CLibrary;
import java.util.Map;

/**
 * The size of the terminal on stdout: {@code ioctl(1, TIOCGWINSZ)}, else {@code $LINES} and
 * {@code $COLUMNS}, else 24 by 80. Asked again on every redraw, so a resized window is followed.
 *
 * @param rows lines on the screen, at least 1
 * @param columns columns on the screen, at least 1
 */
record TerminalSize(int rows, int columns) {
  private static final int DEFAULT_ROWS = 24;
  private static final int DEFAULT_COLUMNS = 80;

  /** The size of the terminal on fd 1, with the fallbacks above. */
  static TerminalSize ofStdout(Map<String, String> env) {
    try {
      short[] winsize = new short[4];
      if (Ioctl.ioctl(1, Ioctl.TIOCGWINSZ, winsize) == 0 && winsize[0] > 0 && winsize[1] > 0) {
        return new TerminalSize(winsize[0], winsize[1]);
      }
    } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
      // Not a terminal, or no JNA: the environment's word, or the default.
    }
    return new TerminalSize(number(env.get("LINES"), DEFAULT_ROWS),
        number(env.get("COLUMNS"), DEFAULT_COLUMNS));
  }

  private static int number(String value, int fallback) {
    try {
      int n = value == null ? fallback : Integer.parseInt(value.trim());
      return n > 0 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The one call this class needs, bound directly. */
  private static final class Ioctl {
    static final long TIOCGWINSZ = 0x5413;

    static {
      Native.register(Ioctl.class, CLibrary.name());
    }

    private Ioctl() {}

    static native int ioctl(int fd, long request, short[] winsize) throws LastErrorException;
  }
}
