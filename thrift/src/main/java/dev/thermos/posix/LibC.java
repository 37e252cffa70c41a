package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the JDK does not offer: {@code flock(2)}, {@code kill(2)}, raw descriptors with
 * {@code O_APPEND}, the {@code *at(2)} calls relative to a directory descriptor, {@code fdatasync(2)}, {@code prctl(2)}. Direct-mapped through JNA; every call
 * throws {@link LastErrorException} (carrying {@code errno}) when it fails.
 *
 * <p>Paths are passed as NUL-terminated UTF-8 byte arrays so that non-ASCII names work whatever the
 * JVM's default charset is.
 */
public final class LibC {
  public static final int O_RDONLY = 0x0;
  public static final int O_WRONLY = 0x1;
  public static final int O_RDWR = 0x2;
  public static final int O_CREAT = 0x40;
  public static final int O_APPEND = 0x400;
  public static final int O_CLOEXEC = 0x80000;
  public static final int O_EXCL = 0x80;
  public static final int O_TRUNC = 0x200;
  public static final int O_NONBLOCK = 0x800;
  /** {@code O_DIRECTORY} and {@code O_NOFOLLOW} differ between x86-64 and arm64. */
  public static final int O_DIRECTORY = Platform.isARM() ? 0x4000 : 0x10000;
  public static final int O_NOFOLLOW = Platform.isARM() ? 0x8000 : 0x20000;

  public static final int AT_FDCWD = -100;
  /** {@code lseek(2)}: from the end of the file. */
  public static final int SEEK_END = 2;
  public static final int AT_REMOVEDIR = 0x200;

  public static final int LOCK_SH = 1;
  public static final int LOCK_EX = 2;
  public static final int LOCK_NB = 4;
  public static final int LOCK_UN = 8;

  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EWOULDBLOCK = EAGAIN;
  public static final int ESRCH = 3;
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EIO = 5;
  public static final int ENXIO = 6;
  public static final int EEXIST = 17;
  public static final int ENOTDIR = 20;
  public static final int ENOSPC = 28;
  public static final int EROFS = 30;
  public static final int ELOOP = 40;
  public static final int EDQUOT = 122;

  public static final int SIGKILL = 9;
  /** Aurora's runner kills its task gracefully on SIGUSR1, and so does ours. */
  public static final int SIGUSR1 = 10;
  public static final int SIGTERM = 15;

  public static final int PR_SET_CHILD_SUBREAPER = 36;

  public static final int WNOHANG = 1;
  /** {@code waitid(2)}: wait for children that ended; leave them waitable; any child. */
  public static final int WEXITED = 4;
  public static final int WNOWAIT = 0x01000000;
  public static final int P_ALL = 0;
  /** Size of a {@code siginfo_t}, and the offset of {@code si_pid} in it (Linux, 64-bit). */
  public static final int SIGINFO_BYTES = 128;
  public static final int SIGINFO_PID_OFFSET = 16;
  public static final int ECHILD = 10;
  public static final int SC_CLK_TCK = 2;
  public static final int SC_PAGESIZE = 30;

  static {
    if (!Platform.isLinux()) {
      throw new UnsupportedOperationException("thermos needs Linux (flock, /proc, prctl)");
    }
    Native.register(LibC.class, CLibrary.name());
  }

  private LibC() {}

  public static native int open(byte[] path, int flags, int mode) throws LastErrorException;

  public static native int close(int fd) throws LastErrorException;

  public static native int openat(int dirfd, byte[] path, int flags, int mode)
      throws LastErrorException;

  public static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

  public static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

  public static native int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath)
      throws LastErrorException;

  public static native int mkfifo(byte[] path, int mode) throws LastErrorException;

  public static native String strerror(int errnum);

  public static native int flock(int fd, int operation) throws LastErrorException;

  public static native long write(int fd, byte[] buf, long count) throws LastErrorException;

  /** {@code read(2)}: the number of bytes read, 0 at end of file. */
  public static native long read(int fd, byte[] buf, long count) throws LastErrorException;

  /** {@code pipe2(2)}: {@code fds[0]} the read end, {@code fds[1]} the write end. */
  public static native int pipe2(int[] fds, int flags) throws LastErrorException;

  public static native int fdatasync(int fd) throws LastErrorException;

  public static native int fsync(int fd) throws LastErrorException;

  public static native int ftruncate(int fd, long length) throws LastErrorException;

  public static native long lseek(int fd, long offset, int whence) throws LastErrorException;

  public static native long pread(int fd, byte[] buf, long count, long offset)
      throws LastErrorException;

  public static native int kill(int pid, int sig) throws LastErrorException;

  public static native int getpid();

  /** {@code waitpid(2)}; with {@link #WNOHANG} returns 0 while the child runs. */
  public static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

  /**
   * {@code waitid(2)} into {@code siginfo} ({@link #SIGINFO_BYTES} bytes); with {@link #WNOHANG}
   * its {@code si_pid} is 0 when no child is waitable.
   */
  public static native int waitid(int idtype, int id, byte[] siginfo, int options)
      throws LastErrorException;

  /** {@code dup2(2)}: makes {@code newfd} a copy of {@code oldfd} (without close-on-exec). */
  public static native int dup2(int oldfd, int newfd) throws LastErrorException;

  /** {@code setsid(2)}: a new session and process group, without a controlling terminal. */
  public static native int setsid() throws LastErrorException;

  public static native int getsid(int pid) throws LastErrorException;

  public static native long sysconf(int name);

  public static native int getuid();

  /** Clock ticks a second ({@code USER_HZ}), the unit of times in {@code /proc}; 100 if unknown. */
  public static long clockTicks() {
    long t = sysconf(SC_CLK_TCK);
    return t > 0 ? t : 100;
  }

  /** The page size, the unit of {@code rss} in {@code /proc/<pid>/stat}; 4096 if unknown. */
  public static long pageBytes() {
    long p = sysconf(SC_PAGESIZE);
    return p > 0 ? p : 4096;
  }

  public static native int geteuid();

  public static native int fchown(int fd, int uid, int gid) throws LastErrorException;

  /** The user's {@code struct passwd}, or null when there is no such user. Not thread-safe. */
  public static native Pointer getpwnam(byte[] name);

  /** {@code getgrouplist(3)}: -1 when {@code ngroups[0]} was too small (it is then the size). */
  public static native int getgrouplist(byte[] user, int group, int[] groups, int[] ngroups);


  public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5)
      throws LastErrorException;

  /** The NUL-terminated UTF-8 bytes of {@code path}, as the calls above take them. */
  public static byte[] cPath(String path) {
    byte[] utf8 = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, out, 0, utf8.length);
    return out;
  }
}
