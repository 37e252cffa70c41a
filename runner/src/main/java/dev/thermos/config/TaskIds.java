package dev.thermos.config;

import dev.thermos.format.ZeroPadding;
import java.time.ZonedDateTime;

/**
 * Task ids Thermos makes up when none is given: {@code <name>-<YYYYmmdd-HHMMSS>.<microseconds>}
 * in local time, e.g. {@code hello-20261124-033319.366295}.
 */
public final class TaskIds {
  private TaskIds() {}

  /** The id for a task named {@code name} started at {@code now} (its own zone's wall clock). */
  public static String synthesize(String name, ZonedDateTime now) {
    StringBuilder b = new StringBuilder(name.length() + 23).append(name).append('-');
    ZeroPadding.append(b, now.getYear(), 4);
    ZeroPadding.append(b, now.getMonthValue(), 2);
    ZeroPadding.append(b, now.getDayOfMonth(), 2).append('-');
    ZeroPadding.append(b, now.getHour(), 2);
    ZeroPadding.append(b, now.getMinute(), 2);
    ZeroPadding.append(b, now.getSecond(), 2).append('.');
    return ZeroPadding.append(b, now.getNano() / 1000, 6).toString();
  }

  /** The id for a task named {@code name} started now, in the system's time zone. */
  public static String synthesize(String name) {
    return synthesize(name, ZonedDateTime.now());
  }
}
