package dev.thermos.format;

/**
 * Big-endian reads and writes on byte arrays, as the record framing and TBinaryProtocol use.
 * Shifts rather than {@code MethodHandles.byteArrayViewVarHandle}: a view handle spins classes at
 * its first use (no class data sharing archive keeps them), milliseconds of every start-up, and
 * runs slower than shifts until compiled.
 */
final class Bytes {
  private Bytes() {}

  static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  static long getLong(byte[] b, int off) {
    return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xffffffffL);
  }

  static void putInt(byte[] b, int off, int value) {
    if (off < 0 || off > b.length - 4) {
      throw new ArrayIndexOutOfBoundsException("int at " + off + " of " + b.length + " bytes");
    }
    b[off] = (byte) (value >>> 24);
    b[off + 1] = (byte) (value >>> 16);
    b[off + 2] = (byte) (value >>> 8);
    b[off + 3] = (byte) value;
  }
}
