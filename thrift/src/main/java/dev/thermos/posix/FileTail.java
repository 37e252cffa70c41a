package dev.thermos.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The end of an append-only file of lines, read without following a link (see SafeDirectory). */
public final class FileTail {
  private FileTail() {}

  /**
   * The last {@code maxBytes} of the regular file {@code name} (all of it when smaller), from the
   * start of a line: a cut first line is dropped. For append-only logs of lines.
   */
  public static byte[] read(SafeDirectory dir, String name, int maxBytes) throws IOException {
    try (FileChannel in = dir.openRead(name)) {
      long size = in.size();
      // One byte before the tail too: whether the tail starts a line is said by the byte before.
      long from = Math.max(0, size - maxBytes - 1);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      while (buf.hasRemaining() && in.read(buf, from + buf.position()) > 0) {
        // until the end as it was when measured
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      if (from == 0) {
        return out;
      }
      int start = 0;
      while (start < out.length && out[start] != '\n') {
        start++;
      }
      return java.util.Arrays.copyOfRange(out, Math.min(out.length, start + 1), out.length);
    }
  }
}
