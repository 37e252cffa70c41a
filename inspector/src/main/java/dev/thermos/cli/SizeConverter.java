package dev.thermos.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code SIZE}: bytes, or a whole number with {@code K}, {@code M}, {@code G}, {@code T} (1024s). */
final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim().toUpperCase(java.util.Locale.ROOT);
    if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    int shift = 0;
    if (!v.isEmpty()) {
      int unit = "KMGT".indexOf(v.charAt(v.length() - 1));
      if (unit >= 0) {
        shift = 10 * (unit + 1);
        v = v.substring(0, v.length() - 1);
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a size like 500K, 10M, 1G");
    }
  }
}
