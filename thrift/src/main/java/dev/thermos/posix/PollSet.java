package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Descriptors one thread waits on for data to read, through {@code poll(2)}. Not thread-safe.
 *
 * <pre>
 *   struct pollfd, 8 bytes each, in the machine's byte order:
 *     offset 0  int   fd        a negative one is skipped by the kernel (a free slot)
 *     offset 4  short events    POLLIN
 *     offset 6  short revents   what happened, set by poll
 * </pre>
 */
public final class PollSet {
  private static final int ENTRY_BYTES = 8;

  private final byte[] entries;
  private final ByteBuffer view;
  private final int size;

  /** A set of {@code size} slots, each free until {@link #set} fills it. */
  public PollSet(int size) {
    this.size = size;
    this.entries = new byte[size * ENTRY_BYTES];
    this.view = ByteBuffer.wrap(entries).order(ByteOrder.nativeOrder());
    for (int i = 0; i < size; i++) {
      set(i, -1);
    }
  }

  /** Puts {@code fd} in slot {@code index}; -1 frees the slot. */
  public void set(int index, int fd) {
    view.putInt(index * ENTRY_BYTES, fd);
    view.putShort(index * ENTRY_BYTES + 4, Readiness.POLLIN);
    view.putShort(index * ENTRY_BYTES + 6, (short) 0);
  }

  /**
   * Waits up to {@code timeoutMillis} (-1: for ever) until a descriptor has data (or its other end
   * closed, or an error). Returns early, with nothing ready, when a signal interrupts the wait.
   *
   * @throws IOException when poll fails otherwise (a bad descriptor: a bug)
   */
  public void await(int timeoutMillis) throws IOException {
    for (int i = 0; i < size; i++) {
      view.putShort(i * ENTRY_BYTES + 6, (short) 0);
    }
    try {
      Readiness.poll(entries, size, timeoutMillis);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != LibC.EINTR) {
        throw new IOException("poll: " + LibC.strerror(e.getErrorCode()), e);
      }
    }
  }

  /** Whether slot {@code index} had something at the last {@link #await}. */
  public boolean ready(int index) {
    return view.getShort(index * ENTRY_BYTES + 6) != 0;
  }
}
