package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The kernel's readiness calls the JDK does not offer as plain descriptors: {@code poll(2)},
 * {@code eventfd(2)} (a counter another thread writes to wake a poller) and {@code inotify(7)}.
 * Direct-mapped through JNA, like {@link LibC}; every call throws {@link LastErrorException}
 * (carrying {@code errno}) when it fails.
 *
 * <p>Why not the JDK's {@code WatchService}: on Linux it reads inotify on a thread of its own and
 * hands each change to the thread that waits on it, a wake-up and some garbage per change; the
 * runner's loop waits on the descriptor itself ({@link PollSet}).
 */
public final class Readiness {
  /** {@code poll(2)}: data to read. */
  public static final short POLLIN = 0x1;

  public static final int EFD_CLOEXEC = LibC.O_CLOEXEC;
  public static final int EFD_NONBLOCK = LibC.O_NONBLOCK;
  public static final int IN_CLOEXEC = LibC.O_CLOEXEC;
  public static final int IN_NONBLOCK = LibC.O_NONBLOCK;

  /** inotify event bits ({@code <sys/inotify.h>}, the same on every Linux architecture). */
  public static final int IN_MODIFY = 0x2;
  public static final int IN_ATTRIB = 0x4;
  public static final int IN_MOVED_FROM = 0x40;
  public static final int IN_MOVED_TO = 0x80;
  public static final int IN_CREATE = 0x100;
  public static final int IN_DELETE = 0x200;
  public static final int IN_DELETE_SELF = 0x400;
  public static final int IN_MOVE_SELF = 0x800;
  public static final int IN_Q_OVERFLOW = 0x4000;
  public static final int IN_IGNORED = 0x8000;
  public static final int IN_ONLYDIR = 0x01000000;
  public static final int IN_DONT_FOLLOW = 0x02000000;

  static {
    if (!Platform.isLinux()) {
      throw new UnsupportedOperationException("thermos needs Linux (poll, eventfd, inotify)");
    }
    Native.register(Readiness.class, CLibrary.name());
  }

  private Readiness() {}

  /**
   * {@code poll(2)} over {@code nfds} {@code struct pollfd} laid out in {@code fds} (see
   * {@link PollSet}); {@code timeout} in milliseconds, -1 for ever. Returns the number of
   * descriptors with events.
   */
  public static native int poll(byte[] fds, long nfds, int timeout) throws LastErrorException;

  /** {@code eventfd(2)}: a new counter descriptor. */
  public static native int eventfd(int initval, int flags) throws LastErrorException;

  /** {@code inotify_init1(2)}: a new inotify instance. */
  public static native int inotify_init1(int flags) throws LastErrorException;

  /** {@code inotify_rm_watch(2)}. */
  public static native int inotify_rm_watch(int fd, int wd) throws LastErrorException;

  /** {@code inotify_add_watch(2)}: the watch descriptor of {@code path} (NUL-terminated). */
  public static native int inotify_add_watch(int fd, byte[] path, int mask)
      throws LastErrorException;
}
