package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TaskIdsTest {
  @Test
  void anIdIsTheNameTheLocalTimeAndSixDigitsOfMicroseconds() {
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 24, 3, 33, 19, 366_295_123, ZoneId.of("UTC"));
    assertEquals("t-20261124-033319.366295", TaskIds.synthesize("t", now));
  }

  @Test
  void microsecondsArePaddedToSixDigits() {
    ZonedDateTime now = ZonedDateTime.of(2012, 1, 2, 13, 4, 5, 7_000, ZoneId.of("UTC"));
    assertEquals("hello_world-20120102-130405.000007", TaskIds.synthesize("hello_world", now));
  }

  @Test
  void theTimeIsTheWallClockOfTheZoneGiven() {
    ZonedDateTime utc = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));
    ZonedDateTime tokyo = utc.withZoneSameInstant(ZoneId.of("Asia/Tokyo"));
    assertEquals("a-20260101-090000.000000", TaskIds.synthesize("a", tokyo));
  }

  @Test
  void anIdForNowMatchesTheFormat() {
    assertTrue(TaskIds.synthesize("x").matches("x-\\d{8}-\\d{6}\\.\\d{6}"));
  }
}
