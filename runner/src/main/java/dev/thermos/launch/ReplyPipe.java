package dev.thermos.launch;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pipe a {@link Spawner} replies on. The JVM creates it ({@code O_CLOEXEC}: no other child
 * inherits it) and names its write end on the spawner's command line by descriptor and pipe inode;
 * the spawner reopens that end through {@code /proc/<runner>/fd/<n>} after checking it is exactly
 * this pipe. The JVM closes its own write end as soon as the spawner holds one (or is gone), so
 * that the spawner's end is the last: its death is then an end of file here.
 */
final class ReplyPipe implements Closeable {
  private final int readFd;
  private final int writeFd;
  private final long inode;
  private final AtomicBoolean writeEndClosed = new AtomicBoolean();
  private final AtomicBoolean readEndClosed = new AtomicBoolean();

  private ReplyPipe(int readFd, int writeFd, long inode) {
    this.readFd = readFd;
    this.writeFd = writeFd;
    this.inode = inode;
  }

  static ReplyPipe open() throws IOException {
    int[] fds = new int[2];
    try {
      LibC.pipe2(fds, LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("cannot create the spawner's reply pipe: errno " + e.getErrorCode(), e);
    }
    try {
      return new ReplyPipe(fds[0], fds[1], inodeOf(fds[1]));
    } catch (IOException | RuntimeException e) {
      LibC.close(fds[0]);
      LibC.close(fds[1]);
      throw e;
    }
  }

  /** The inode of the pipe behind our descriptor {@code fd}: {@code /proc/self/fd/N -> pipe:[I]}. */
  private static long inodeOf(int fd) throws IOException {
    String link = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
    if (!link.startsWith("pipe:[") || !link.endsWith("]")) {
      throw new IOException("descriptor " + fd + " is not a pipe: " + link);
    }
    return Long.parseLong(link.substring(6, link.length() - 1));
  }

  /** The write end's descriptor in this JVM, for the spawner's {@code --replies FD INODE}. */
  int writeFd() {
    return writeFd;
  }

  long inode() {
    return inode;
  }

  /** Reads into {@code buf}; returns the count, or 0 at end of file (every write end closed). */
  int read(byte[] buf) throws IOException {
    while (true) {
      try {
        return (int) LibC.read(readFd, buf, buf.length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != LibC.EINTR) {
          throw new IOException("reading the spawner's replies: errno " + e.getErrorCode(), e);
        }
      }
    }
  }

  /** Closes the JVM's write end (once; later calls do nothing). */
  void closeWriteEnd() {
    if (writeEndClosed.compareAndSet(false, true)) {
      LibC.close(writeFd);
    }
  }

  @Override
  public void close() {
    closeWriteEnd();
    if (readEndClosed.compareAndSet(false, true)) {
      LibC.close(readFd);
    }
  }
}
