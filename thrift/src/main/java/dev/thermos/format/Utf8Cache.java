package dev.thermos.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Process names repeat in nearly every record; decoding each one anew dominates replay. A small
 * direct-mapped cache returns the same String for the same bytes.
 */
final class Utf8Cache {
  private static final int SLOTS = 256;
  private static final int MAX_CACHED_LENGTH = 128;
  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  String get(byte[] b, int off, int len) {
    if (len > MAX_CACHED_LENGTH) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    int h = 1;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, b, off, off + len)) {
      return values[slot];
    }
    String s = new String(b, off, len, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(b, off, off + len);
    values[slot] = s;
    return s;
  }
}
