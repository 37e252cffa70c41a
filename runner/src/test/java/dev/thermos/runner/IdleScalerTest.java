package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.config.IdleScaling;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule of idle-based scaling, one decision at a time. */
class IdleScalerTest {
  private static final IdleScaling POOL = new IdleScaling(2, 4, 1, 2, 10, 2);

  private static IdleScaler.Decision decide(double last, double now, String... statuses) {
    return IdleScaler.decide(POOL, Arrays.asList(statuses), last, now);
  }

  @Test
  void tooFewIdleAddsOneUpToMax() {
    assertEquals(3, decide(0, 20, "busy", "busy").count());
    assertEquals(4, decide(0, 20, "busy", "busy", "busy").count());
    assertEquals(4, decide(0, 20, "busy", "busy", "busy", "busy").count(), "never above max");
    assertEquals(3, decide(0, 20, "busy", null).count(), "no status yet is not idle");
  }

  @Test
  void tooManyIdleRemovesTheHighestWhenItIsIdleDownToMin() {
    assertEquals(3, decide(0, 20, "idle", "idle", "busy", "idle").count());
    assertEquals(4, decide(0, 20, "idle", "idle", "idle", "busy").count(),
        "the highest-numbered copy is busy: wait");
    assertEquals(2, decide(0, 20, "idle", "idle").count(), "never below min");
  }

  @Test
  void betweenTheBoundsNothingChanges() {
    IdleScaler.Decision d = decide(0, 20, "idle", "busy", "idle");
    assertEquals(3, d.count());
    assertEquals(Double.POSITIVE_INFINITY, d.dueSecs());
  }

  @Test
  void atMostOneChangePerIntervalAndTheDecisionSaysWhenToLookAgain() {
    IdleScaler.Decision d = decide(15, 20, "busy", "busy");
    assertEquals(2, d.count(), "5 s after the last change, with an interval of 10");
    assertEquals(25, d.dueSecs());
    assertEquals(3, decide(15, 25, "busy", "busy").count());
  }

  @Test
  void theCountNeverLeavesMinToMaxWhateverTheStatuses() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    int count = 2;
    for (int round = 0; round < 10_000; round++) {
      String[] statuses = new String[count];
      for (int i = 0; i < count; i++) {
        statuses[i] = List.of("idle", "busy", "").get(random.nextInt(3));
      }
      count = decide(0, 100, statuses).count();
      assertEquals(true, count >= POOL.min() && count <= POOL.max(), "count " + count);
    }
  }
}
