package dev.thermos.observer.http;

/** Whole numbers from query strings and path segments. */
final class QueryNumbers {
  private QueryNumbers() {}

  /** {@code value} as an int; {@code absent} when null or empty; null when not a number. */
  static Integer parse(String value, Integer absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
