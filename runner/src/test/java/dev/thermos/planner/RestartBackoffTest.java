package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delays of {@link RestartBackoff} as the planner applies them, on an injected clock. */
class RestartBackoffTest {
  private static TaskPlanner plan(RestartBackoff backoff, double minDuration) throws Exception {
    return TaskPlanner.of(List.of(new ProcessAttributes("p", minDuration, false, false, 0, false,
        backoff)), List.of(), false);
  }

  private static TaskPlanner daemon(RestartBackoff backoff) throws Exception {
    return TaskPlanner.of(List.of(new ProcessAttributes("p", 0, true, false, 0, false, backoff)),
        List.of(), false);
  }

  /** Fails {@code n} runs of {@code lived} seconds, each as soon as its gate opens. */
  private static List<Double> delays(TaskPlanner plan, int n, double lived) {
    List<Double> out = new ArrayList<>();
    double now = 1000;
    for (int i = 0; i < n; i++) {
      plan.setRunning("p");
      now += lived;
      plan.addFailure("p", now, lived);
      double wait = plan.waitSecs("p", now);
      out.add(wait);
      now += wait;
    }
    return out;
  }

  @Test
  void delaysGrowByTheMultiplierUpToTheCap() throws Exception {
    RestartBackoff b = new RestartBackoff(1, 8, 2, 0, 600);
    assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 8.0, 8.0), delays(plan(b, 0), 6, 0.5));
  }

  @Test
  void jitterSpreadsEachDelayWithinItsFractionAndIsTheSameAfterARestart() throws Exception {
    RestartBackoff b = new RestartBackoff(10, 1000, 2, 0.1, 600);
    List<Double> first = delays(plan(b, 0), 5, 0.5);
    assertEquals(first, delays(plan(b, 0), 5, 0.5), "a replay computes the same delays");
    for (int i = 0; i < first.size(); i++) {
      double base = 10 * Math.pow(2, i);
      double d = first.get(i);
      assertTrue(d >= base * 0.9 && d <= base * 1.1, "delay " + i + ": " + d);
    }
    assertTrue(first.stream().anyMatch(d -> d != Math.rint(d)), "jitter applied: " + first);
  }

  @Test
  void aRunThatLivedResetAfterStartsTheCountAgainAndSoDoesASuccess() throws Exception {
    RestartBackoff b = new RestartBackoff(1, 100, 3, 0, 60);
    TaskPlanner plan = daemon(b);
    assertEquals(List.of(1.0, 3.0, 9.0), delays(plan, 3, 1));
    assertEquals(List.of(1.0, 1.0), delays(plan, 2, 61), "each lived 61 s: the first again");
    assertEquals(List.of(3.0, 9.0), delays(plan, 2, 1), "short ones count on from there");
    plan.setRunning("p");
    plan.addSuccess("p", 5000);
    assertEquals(List.of(1.0), delays(plan, 1, 1));
  }

  @Test
  void minDurationStillHoldsWhenLongerAndAloneWithoutBackoff() throws Exception {
    assertEquals(List.of(5.0, 5.0, 8.0), delays(plan(new RestartBackoff(2, 8, 2, 0, 600), 5), 3,
        0));
    assertEquals(List.of(5.0, 5.0, 5.0), delays(plan(null, 5), 3, 0));
  }

  @Test
  void aLostRunIsNotAFailureAndWaitsMinDurationOnly() throws Exception {
    TaskPlanner plan = plan(new RestartBackoff(30, 300, 2, 0, 600), 1);
    plan.setRunning("p");
    plan.lost("p", 100, 1);
    assertEquals(1.0, plan.waitSecs("p", 100));
  }

  @Test
  void aZeroInitialDelayStaysZeroHoweverManyFailures() {
    RestartBackoff b = new RestartBackoff(0, 60, 10, 0.1, 600);
    assertEquals(0.0, b.delaySecs("web", 1100, 1100));
    assertEquals(60.0, new RestartBackoff(1, 60, 10, 0, 600).delaySecs("web", 1100, 1100));
  }
}

