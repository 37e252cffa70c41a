package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code fstat} of an open descriptor through {@code statx(2)}: one call, with a layout that is the
 * same on every architecture. Where the C library has no {@code statx} (glibc before 2.28) or the
 * kernel refuses it, through {@code /proc/self/fd/N} and the JDK's attribute views, which cost
 * several times as much: a runner asks after every append of its checkpoint (the link count) and
 * at every open of a file below a task (the type).
 *
 * <pre>
 *   struct statx, the fields read here (offsets in bytes, machine byte order):
 *     16 u32 stx_nlink    20 u32 stx_uid     28 u16 stx_mode
 *     32 u64 stx_ino      40 u64 stx_size    136 u32 stx_dev_major   140 u32 stx_dev_minor
 * </pre>
 */
public final class DescriptorStat {
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final int STATX_BASIC_STATS = 0x7ff;
  private static final int STATX_BYTES = 256;
  private static final byte[] EMPTY_PATH = {0};
  private static final int ENOSYS = 38;

  private DescriptorStat() {}

  /** How many names the file open on {@code fd} has: 0 once it was deleted while open. */
  public static int linkCount(int fd) throws IOException {
    ByteBuffer statx = statx(fd);
    if (statx != null) {
      return statx.getInt(16);
    }
    return ((Number) Files.getAttribute(procPath(fd), "unix:nlink")).intValue();
  }

  /** {@code fstat} of {@code fd}: what {@link FileStat#of} says of the file. */
  public static FileStat of(int fd) throws IOException {
    ByteBuffer statx = statx(fd);
    if (statx == null) {
      return FileStat.of(procPath(fd));
    }
    long major = Integer.toUnsignedLong(statx.getInt(136));
    long minor = Integer.toUnsignedLong(statx.getInt(140));
    return new FileStat(Short.toUnsignedInt(statx.getShort(28)), statx.getInt(20),
        device(major, minor), statx.getLong(32), statx.getLong(40));
  }

  /** The device number as {@code st_dev} holds it (glibc's {@code makedev}). */
  static long device(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  private static Path procPath(int fd) {
    return Path.of("/proc/self/fd/" + fd);
  }

  /** The statx of {@code fd}, or null when statx is not there. */
  private static ByteBuffer statx(int fd) throws IOException {
    if (!Binding.AVAILABLE) {
      return null;
    }
    byte[] buffer = new byte[STATX_BYTES];
    try {
      Binding.statx(fd, EMPTY_PATH, AT_EMPTY_PATH, STATX_BASIC_STATS, buffer);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENOSYS || e.getErrorCode() == LibC.EPERM) {
        return null;  // a kernel, or a seccomp filter, without statx
      }
      throw new IOException("statx of descriptor " + fd + ": " + LibC.strerror(e.getErrorCode()),
          e);
    }
    return ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
  }

  /** The binding, apart: a C library without the symbol fails only this class's registration. */
  private static final class Binding {
    static final boolean AVAILABLE = register();

    private static boolean register() {
      try {
        Native.register(Binding.class, CLibrary.name());
        return true;
      } catch (UnsatisfiedLinkError e) {
        return false;
      }
    }

    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer)
        throws LastErrorException;
  }
}
