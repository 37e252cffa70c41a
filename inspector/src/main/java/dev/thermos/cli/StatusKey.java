package dev.thermos.cli;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.thermos.posix.CLibrary;
import sun.misc.Signal;

/**
 * Ctrl-\ on the terminal of a live {@code thermos run} prints the task's status instead of a JVM
 * thread dump.
 *
 * <p>HotSpot keeps SIGQUIT for its thread dump: {@code sun.misc.Signal} refuses a handler for it,
 * even with {@code -Xrs}. So while the run is shown, the terminal's quit key sends SIGTSTP instead
 * (as {@code stty quit undef susp '^\'} would: the key's character moves from {@code VQUIT} to
 * {@code VSUSP} of the terminal on stdin), and SIGTSTP is handled. The terminal's settings are put
 * back by {@link #close} and by a shutdown hook. The task's processes run in sessions of their own,
 * so the key reaches the runner only. Limits: {@code kill -QUIT} still dumps threads; Ctrl-Z does
 * not suspend the runner while it runs (a suspended runner would not record its processes'
 * exits); a runner killed by SIGKILL leaves the key mapped ({@code stty sane} restores it).
 */
final class StatusKey implements AutoCloseable {
  private static final int STDIN = 0;
  private static final int TCSANOW = 0;
  /** {@code struct termios} is 60 bytes on Linux; {@code c_cc} starts at byte 17. */
  private static final int TERMIOS_BYTES = 64;
  private static final int CC = 17;
  private static final int VQUIT = 1;
  private static final int VSUSP = 10;
  private static final byte CTRL_BACKSLASH = 0x1c;
  private static final byte CTRL_Z = 0x1a;

  private final byte[] saved;
  private final Thread restoreAtExit;
  private boolean closed;

  private StatusKey(byte[] saved) {
    this.saved = saved;
    this.restoreAtExit = new Thread(this::restore, "thermos-restore-terminal");
  }

  /**
   * Maps the quit key to {@code onKey}; null if stdin is not a terminal or its settings cannot be
   * changed (Ctrl-\ then does what the JVM does).
   */
  static StatusKey install(Runnable onKey) {
    try {
      byte[] termios = new byte[TERMIOS_BYTES];
      Termios.tcgetattr(STDIN, termios);
      byte[] saved = termios.clone();
      if (saved[CC + VQUIT] == 0 && saved[CC + VSUSP] == CTRL_BACKSLASH) {
        // Left so by a runner killed with SIGKILL: what is put back is the usual pair.
        saved[CC + VQUIT] = CTRL_BACKSLASH;
        saved[CC + VSUSP] = CTRL_Z;
      }
      byte quit = saved[CC + VQUIT];
      if (quit == 0) {
        return null;
      }
      StatusKey key = new StatusKey(saved);
      Signal.handle(new Signal("TSTP"), s -> onKey.run());
      termios[CC + VSUSP] = quit;
      termios[CC + VQUIT] = 0;
      Termios.tcsetattr(STDIN, TCSANOW, termios);
      Runtime.getRuntime().addShutdownHook(key.restoreAtExit);
      return key;
    } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError
        | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restoreAtExit);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook restores too.
    }
  }

  private void restore() {
    try {
      Termios.tcsetattr(STDIN, TCSANOW, saved);
    } catch (LastErrorException e) {
      // The terminal is gone.
    }
  }

  /** The two calls this class needs, bound directly. */
  private static final class Termios {
    static {
      Native.register(Termios.class, CLibrary.name());
    }

    private Termios() {}

    static native int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    static native int tcsetattr(int fd, int action, byte[] termios) throws LastErrorException;
  }
}
