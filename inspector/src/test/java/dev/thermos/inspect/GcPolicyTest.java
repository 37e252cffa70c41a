package dev.thermos.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GcPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

  /** t0 is the oldest (9 days), t9 the newest; each frees {@code bytes}. */
  private static List<GcTarget> tasks(int n, long bytes) {
    List<GcTarget> out = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      out.add(new GcTarget("t" + i, NOW.minus(Duration.ofDays(n - i)),
          List.of(new GcTarget.Area("sandbox", Path.of("/s/t" + i), Set.of(), bytes))));
    }
    return out;
  }

  private static List<String> ids(List<GcTarget> targets) {
    return targets.stream().map(GcTarget::taskId).toList();
  }

  @Test
  void noLimitCollectsNothing() {
    assertEquals(List.of(), GcPolicy.unlimited().select(tasks(5, 10), NOW));
  }

  @Test
  void maxAgeCollectsOlderTasksOldestFirst() {
    GcPolicy p = new GcPolicy(Duration.ofDays(3).plusHours(1), Integer.MAX_VALUE, Long.MAX_VALUE);
    assertEquals(List.of("t0", "t1"), ids(p.select(tasks(5, 10), NOW)));
  }

  @Test
  void maxTasksKeepsTheNewest() {
    GcPolicy p = new GcPolicy(null, 2, Long.MAX_VALUE);
    assertEquals(List.of("t0", "t1", "t2"), ids(p.select(tasks(5, 10), NOW)));
  }

  @Test
  void maxSpaceKeepsTheNewestWithinTheBudget() {
    GcPolicy p = new GcPolicy(null, Integer.MAX_VALUE, 25);
    assertEquals(List.of("t0", "t1", "t2"), ids(p.select(tasks(5, 10), NOW)));
  }

  @Test
  void spaceAlreadyFreedByAgeIsNotCountedTwice() {
    GcPolicy p = new GcPolicy(Duration.ofDays(4).plusHours(1), Integer.MAX_VALUE, 30);
    // t0 goes by age; t1..t4 use 40 bytes: t1 goes by space.
    assertEquals(List.of("t0", "t1"), ids(p.select(tasks(5, 10), NOW)));
  }

  @Test
  void limitsCombine() {
    GcPolicy p = new GcPolicy(Duration.ofDays(4).plusHours(1), 1, 1000);
    assertEquals(List.of("t0", "t1", "t2", "t3"), ids(p.select(tasks(5, 10), NOW)));
  }

  @Test
  void zeroLimitsCollectEverything() {
    assertEquals(5, new GcPolicy(null, 0, Long.MAX_VALUE).select(tasks(5, 1), NOW).size());
    assertEquals(5, new GcPolicy(null, Integer.MAX_VALUE, 0).select(tasks(5, 1), NOW).size());
  }

  @Test
  void negativeLimitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GcPolicy(null, -1, 0));
  }
}
