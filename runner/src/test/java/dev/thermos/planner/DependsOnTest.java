package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code depends_on} in the planner: succeeded is Aurora's ordering, started waits for RUNNING,
 * healthy for a passing health check.
 */
class DependsOnTest {
  private static ProcessAttributes p(String name, Map<String, DependsOn> dependsOn) {
    return new ProcessAttributes(name, 0, false, false, 1, false, null, dependsOn);
  }

  private static ProcessAttributes daemon(String name) {
    return new ProcessAttributes(name, 0, true, false, 0, false, null, Map.of());
  }

  @Test
  void startedWaitsUntilTheOtherRanOnceAndThenNoLonger() throws Exception {
    TaskPlanner plan = TaskPlanner.of(List.of(daemon("db"),
        p("web", Map.of("db", DependsOn.STARTED))), List.of(), false);
    assertEquals(List.of("db"), plan.runnableAt(0));
    plan.setRunning("db");
    assertEquals(List.of(), plan.runnableAt(0), "launched is not started");
    plan.markStarted("db");
    assertEquals(List.of("web"), plan.runnableAt(0));
    plan.addSuccess("db", 1); // a daemon: pending again, web may still start
    assertEquals(List.of("db", "web"), plan.runnableAt(10));
  }

  @Test
  void healthyWaitsForAPassingCheckNotForRunning() throws Exception {
    TaskPlanner plan = TaskPlanner.of(List.of(daemon("db"),
        p("web", Map.of("db", DependsOn.HEALTHY))), List.of(), false);
    plan.setRunning("db");
    plan.markStarted("db");
    assertEquals(List.of(), plan.runnableAt(0), "running is not healthy");
    plan.markHealthy("db");
    assertEquals(List.of("web"), plan.runnableAt(0));
  }

  @Test
  void aDependencyThatFinishedForGoodCountsAsHealthy() throws Exception {
    TaskPlanner plan = TaskPlanner.of(List.of(p("db", Map.of()),
        p("web", Map.of("db", DependsOn.HEALTHY))), List.of(), false);
    plan.setRunning("db");
    assertEquals(List.of(), plan.runnableAt(0));
    plan.addSuccess("db", 1);  // ended while no runner checked it: web must not wait for ever
    assertEquals(List.of("web"), plan.runnableAt(1));
  }

  @Test
  void cyclesThroughHealthyAreFound() {
    assertThrows(InvalidScheduleException.class, () -> TaskPlanner.of(List.of(
        p("a", Map.of("b", DependsOn.HEALTHY)), p("b", Map.of("a", DependsOn.STARTED))),
        List.of(), false));
  }

  @Test
  void succeededIsAnOrderingAndRefusesToWaitForADaemonToSucceed() throws Exception {
    TaskPlanner plan = TaskPlanner.of(List.of(p("migrate", Map.of()),
        p("web", Map.of("migrate", DependsOn.SUCCEEDED))), List.of(), false);
    assertEquals(List.of("migrate"), plan.runnableAt(0));
    plan.setRunning("migrate");
    assertEquals(List.of(), plan.runnableAt(0));
    plan.addSuccess("migrate", 1);
    assertEquals(List.of("web"), plan.runnableAt(1));
    assertThrows(InvalidScheduleException.class, () -> TaskPlanner.of(List.of(daemon("db"),
        p("web", Map.of("db", DependsOn.SUCCEEDED))), List.of(), false));
  }

  @Test
  void cyclesAcrossOrdersAndDependsOnAreFound() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> TaskPlanner.of(List.of(p("a", Map.of("b", DependsOn.STARTED)), p("b", Map.of())),
            List.of(List.of("a", "b")), false));
    assertEquals(true, e.getMessage().contains("a -> b -> a") || e.getMessage().contains(
        "b -> a -> b"), e.getMessage());
  }

  @Test
  void unknownNamesAndOtherPlansAreRefused() {
    InvalidScheduleException unknown = assertThrows(InvalidScheduleException.class,
        () -> TaskPlans.of(List.of(p("web", Map.of("nosuch", DependsOn.STARTED))), List.of(),
            TaskPlanner.UNLIMITED_RUNS));
    assertEquals(true, unknown.getMessage().contains(
        "depends_on of 'web' names unknown process 'nosuch'"), unknown.getMessage());
    ProcessAttributes fin = new ProcessAttributes("fin", 0, false, false, 1, true, null,
        Map.of());
    InvalidScheduleException mixed = assertThrows(InvalidScheduleException.class,
        () -> TaskPlans.of(List.of(fin, p("web", Map.of("fin", DependsOn.SUCCEEDED))), List.of(),
            TaskPlanner.UNLIMITED_RUNS));
    assertEquals(true, mixed.getMessage().contains("a regular and a final process cannot depend"
        + " on each other"), mixed.getMessage());
  }
}
