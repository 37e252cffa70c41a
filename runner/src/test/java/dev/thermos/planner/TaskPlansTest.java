package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of order constraints across both plans, with Aurora's exact messages. */
class TaskPlansTest {
  private static final ProcessAttributes P1 = ProcessAttributes.withDefaults("p1");
  private static final ProcessAttributes P2 = ProcessAttributes.withDefaults("p2");
  private static final ProcessAttributes P3 = ProcessAttributes.withDefaults("p3");
  private static final ProcessAttributes F1 = ProcessAttributes.withDefaults("f1").withFinal(true);
  private static final ProcessAttributes F2 = ProcessAttributes.withDefaults("f2").withFinal(true);

  private static String problem(List<ProcessAttributes> processes, List<List<String>> orders) {
    return assertThrows(
            InvalidScheduleException.class, () -> TaskPlans.validate(processes, orders))
        .getMessage();
  }

  @Test
  void ordersWithinEachPlanAreValid() {
    assertDoesNotThrow(
        () ->
            TaskPlans.validate(
                List.of(P1, P2, P3, F1, F2),
                List.of(List.of("p1", "p2", "p3"), List.of("f1", "f2"))));
  }

  @Test
  void anOrderMixingARegularAndAFinalProcessIsInvalid() {
    assertEquals(
        "Invalid process dependencies! (order [p1, f1] mixes processes of this plan with [f1]: "
            + "an order may not mix regular and final processes)",
        problem(List.of(P1, P2, F1, F2), List.of(List.of("p1", "f1"))));
  }

  @Test
  void anOrderMixingAKnownAndAnUnknownNameIsInvalid() {
    assertEquals(
        "Invalid process dependencies! (order [p1, missing] names unknown process 'missing')",
        problem(List.of(P1), List.of(List.of("p1", "missing"))));
  }

  @Test
  void anEmptyOrderIsInvalidAsInAurora() {
    assertEquals("Invalid process dependencies! (an empty order)",
        problem(List.of(P1), List.of(List.of())));
  }

  @Test
  void anOrderOfOnlyUnknownNamesIsIgnored() {
    assertDoesNotThrow(
        () -> TaskPlans.validate(List.of(P1), List.of(List.of("ghost1", "ghost2"))));
  }

  @Test
  void anOrderOfOnlyFinalProcessesIsIgnoredByTheRegularPlan() throws Exception {
    TaskPlanner regular = TaskPlanner.of(List.of(P1, F1, F2), List.of(List.of("f1", "f2")), false);
    assertEquals(List.of("p1"), regular.processes());
    TaskPlanner finalizing =
        TaskPlanner.of(List.of(P1, F1, F2), List.of(List.of("f1", "f2")), true);
    assertEquals(List.of("f1"), finalizing.runnableAt(0));
  }

  @Test
  void aProcessMayNotDependUponADaemon() {
    List<ProcessAttributes> processes = List.of(P1.withDaemon(true), P2);
    assertEquals(
        "Process p2 may not depend upon daemon process p1",
        problem(processes, List.of(List.of("p1", "p2"))));
  }

  @Test
  void aDaemonMayDependUponARegularProcess() {
    assertDoesNotThrow(
        () -> TaskPlans.validate(List.of(P1, P2.withDaemon(true)), List.of(List.of("p1", "p2"))));
  }

  @Test
  void aNonEphemeralProcessMayNotDependUponAnEphemeral() {
    List<ProcessAttributes> processes = List.of(P1.withEphemeral(true), P2);
    assertEquals(
        "Non-ephemeral process p2 may not depend upon ephemeral process p1",
        problem(processes, List.of(List.of("p1", "p2"))));
  }

  @Test
  void anEphemeralMayDependUponAnEphemeralOrARegularProcess() {
    List<ProcessAttributes> processes =
        List.of(P1, P2.withEphemeral(true), P3.withEphemeral(true));
    assertDoesNotThrow(() -> TaskPlans.validate(processes, List.of(List.of("p1", "p2", "p3"))));
  }

  @Test
  void opposingOrdersAreACycle() {
    assertEquals(
        "Cycles detected in the task schedule! (cycle: p1 -> p2 -> p1)",
        problem(List.of(P1, P2), List.of(List.of("p1", "p2"), List.of("p2", "p1"))));
  }

  @Test
  void aCycleAmongFinalProcessesIsFound() {
    assertEquals(
        InvalidScheduleException.CYCLES + " (cycle: f1 -> f2 -> f1)",
        problem(List.of(P1, F1, F2), List.of(List.of("f1", "f2"), List.of("f2", "f1"))));
  }

  @Test
  void theFirstProblemInConstraintOrderIsReported() {
    List<ProcessAttributes> processes = List.of(P1.withDaemon(true), P2, P3.withEphemeral(true));
    assertEquals(
        "Non-ephemeral process p2 may not depend upon ephemeral process p3",
        problem(processes, List.of(List.of("p3", "p2"), List.of("p1", "p2"))));
    assertEquals(
        "Process p2 may not depend upon daemon process p1",
        problem(processes, List.of(List.of("p1", "p2"), List.of("p3", "p2"))));
  }

  @Test
  void theRegularPlanIsCheckedBeforeTheFinalizingPlan() {
    List<ProcessAttributes> processes = List.of(P1, P2, F1.withDaemon(true), F2);
    List<List<String>> orders =
        List.of(List.of("f1", "f2"), List.of("p1", "p2"), List.of("p2", "p1"));
    assertEquals(InvalidScheduleException.CYCLES + " (cycle: p1 -> p2 -> p1)",
        problem(processes, orders));
  }

  @Test
  void bothPlansShareTheRunLimit() throws Exception {
    TaskPlans plans = TaskPlans.of(List.of(P1, F1), List.of(), 1);
    plans.finalizing().setRunning("f1");
    plans.finalizing().lost("f1", 0);
    assertEquals(java.util.Set.of("f1"), plans.finalizing().failed());
    assertEquals(List.of("p1"), plans.regular().processes());
  }
}
