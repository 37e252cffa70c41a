package dev.thermos.format;

import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where a {@link CheckpointReader} reads its bytes: positional reads and the size, of a
 * {@link FileChannel} or of a raw descriptor. The descriptor is for the runner, which follows a
 * coordinator's stream through a handful of small reads per run: a channel's read goes through
 * the JDK's interruptible-channel and temporary-buffer machinery, a few dozen microseconds each
 * before the JIT has compiled it; {@code pread(2)} through JNA is one call.
 */
abstract class RecordSource implements Closeable {
  /** Reads up to {@code len} bytes at file offset {@code position}; -1 or 0 at the end. */
  abstract int read(byte[] buf, int off, int len, long position) throws IOException;

  abstract long size() throws IOException;

  static RecordSource of(FileChannel channel) {
    return new RecordSource() {
      @Override
      int read(byte[] buf, int off, int len, long position) throws IOException {
        return channel.read(ByteBuffer.wrap(buf, off, len), position);
      }

      @Override
      long size() throws IOException {
        return channel.size();
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /**
   * The open descriptor {@code fd} (closed with the source, once: its number may be another
   * file's afterwards, so nothing touches it then), named {@code path} in messages.
   */
  static RecordSource of(int fd, Path path) {
    return new RecordSource() {
      private byte[] scratch = new byte[0];
      private boolean closed;

      private void checkOpen() throws IOException {
        if (closed) {
          throw new IOException(path + ": closed");
        }
      }

      @Override
      int read(byte[] buf, int off, int len, long position) throws IOException {
        checkOpen();
        // JNA passes an array from its start: read there when the bytes go there, else copy.
        byte[] into = off == 0 ? buf : scratch(len);
        long n;
        while (true) {
          try {
            n = LibC.pread(fd, into, len, position);
            break;
          } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR) {
              throw new IOException(path + ": " + LibC.strerror(e.getErrorCode()), e);
            }
          }
        }
        if (into != buf && n > 0) {
          System.arraycopy(into, 0, buf, off, (int) n);
        }
        return (int) n;
      }

      private byte[] scratch(int len) {
        if (scratch.length < len) {
          scratch = new byte[len];
        }
        return scratch;
      }

      @Override
      long size() throws IOException {
        checkOpen();
        try {
          return LibC.lseek(fd, 0, LibC.SEEK_END);  // the reads are positional: no offset moves
        } catch (LastErrorException e) {
          throw new IOException(path + ": " + LibC.strerror(e.getErrorCode()), e);
        }
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          LibC.close(fd);
        } catch (LastErrorException e) {
          throw new IOException(path + ": " + LibC.strerror(e.getErrorCode()), e);
        }
      }
    };
  }
}
