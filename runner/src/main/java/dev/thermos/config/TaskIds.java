package dev.thermos.config;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Task ids Thermos makes up when none is given: {@code <name>-<YYYYmmdd-HHMMSS>.<microseconds>}
 * in local time, e.g. {@code hello-20261124-033319.366295}.
 */
public final class TaskIds {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private TaskIds() {}

  /** The id for a task named {@code name} started at {@code now} (its own zone's wall clock). */
  public static String synthesize(String name, ZonedDateTime now) {
    int micros = now.getNano() / 1000;
    return name + "-" + STAMP.format(now) + "." + String.format("%06d", micros);
  }

  /** The id for a task named {@code name} started now, in the system's time zone. */
  public static String synthesize(String name) {
    return synthesize(name, ZonedDateTime.now());
  }
}
