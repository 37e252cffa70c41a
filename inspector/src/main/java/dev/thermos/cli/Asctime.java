package dev.thermos.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** C's {@code asctime(localtime(t))}, as Aurora's tools print times: {@code Tue May 15 16:05:43 2012}. */
final class Asctime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private final ZoneId zone;

  Asctime(ZoneId zone) {
    this.zone = zone;
  }

  String millis(long millis) {
    return FORMAT.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /** Seconds as a double; "None" for zero or a value no clock produces. */
  String seconds(double seconds) {
    if (seconds == 0 || !Double.isFinite(seconds) || Math.abs(seconds) > 1e14) {
      return "None";
    }
    return millis((long) (seconds * 1000));
  }
}
