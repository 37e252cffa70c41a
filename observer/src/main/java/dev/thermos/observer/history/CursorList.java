package dev.thermos.observer.history;

import java.util.Arrays;

/**
 * An append-only list of ascending cursors (Chronicle indexes) kept as variable-length deltas: a
 * task's records sit a few hundred or thousand excerpts apart, so most take two bytes instead of
 * eight. Not thread-safe.
 */
final class CursorList {
  private byte[] bytes = new byte[8];
  private int length;
  private int size;
  private long last;

  /** Appends {@code cursor}, which must be greater than the last one. */
  void add(long cursor) {
    if (size > 0 && cursor <= last) {
      throw new IllegalArgumentException("cursor " + cursor + " not after " + last);
    }
    long delta = size == 0 ? cursor : cursor - last;
    if (length + 10 > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 10));
    }
    while ((delta & ~0x7FL) != 0) {
      bytes[length++] = (byte) ((delta & 0x7F) | 0x80);
      delta >>>= 7;
    }
    bytes[length++] = (byte) delta;
    last = cursor;
    size++;
  }

  int size() {
    return size;
  }

  /** The first cursor (the list must not be empty; decodes the list: for rare use). */
  long first() {
    return toArray()[0];
  }

  long last() {
    return last;
  }

  /** Bytes held (for the history's own size metric). */
  int footprintBytes() {
    return bytes.length + 32;
  }

  long[] toArray() {
    long[] out = new long[size];
    long value = 0;
    int pos = 0;
    for (int i = 0; i < size; i++) {
      long delta = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[pos++];
        delta |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      value = i == 0 ? delta : value + delta;
      out[i] = value;
    }
    return out;
  }
}
