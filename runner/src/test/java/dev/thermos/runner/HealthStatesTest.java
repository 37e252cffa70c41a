package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.health.HealthResult;
import org.junit.jupiter.api.Test;

/** Starting, healthy after one pass, unhealthy after {@code failures} in a row. */
class HealthStatesTest {
  private final HealthStates states = new HealthStates();

  private HealthStates.Change result(int run, boolean passed) {
    return states.apply(new HealthResult("db", run, passed, passed ? "ok" : "no", 1), 3);
  }

  @Test
  void healthyAfterTheFirstPassUnhealthyAfterThreeFailuresInARow() {
    states.started("db", 0);
    assertEquals(HealthStates.Change.COUNTED, result(0, false));
    assertEquals(HealthStates.Change.BECAME_HEALTHY, result(0, true));
    assertEquals(HealthStates.Change.NONE, result(0, true));
    assertEquals(HealthStates.Change.COUNTED, result(0, false));
    assertEquals(HealthStates.Change.COUNTED, result(0, false));
    assertEquals(HealthStates.Change.COUNTED, result(0, true), "the count starts again");
    result(0, false);
    result(0, false);
    assertEquals(HealthStates.Change.BECAME_UNHEALTHY, result(0, false));
    assertEquals(HealthStates.Change.NONE, result(0, true), "unhealthy is final for the run");
    assertEquals(HealthStates.Health.UNHEALTHY, states.get("db").health());
  }

  @Test
  void aRunThatNeverPassedIsUnhealthyAfterThreeFailures() {
    states.started("db", 0);
    result(0, false);
    result(0, false);
    assertEquals(HealthStates.Change.BECAME_UNHEALTHY, result(0, false));
  }

  @Test
  void resultsOfAnotherRunChangeNothingAndANewRunStartsOverRememberingEverHealthy() {
    states.started("db", 0);
    result(0, true);
    states.started("db", 1);
    assertEquals(HealthStates.Change.NONE, result(0, false), "a late result of run 0");
    HealthStates.State s = states.get("db");
    assertEquals(HealthStates.Health.STARTING, s.health());
    assertEquals(true, s.everHealthy());
  }
}
