package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static Planner planner(List<String> processes, Map<String, Set<String>> dependencies)
      throws InvalidScheduleException {
    return new Planner(processes, dependencies);
  }

  private static String misuse(Runnable call) {
    return assertThrows(IllegalStateException.class, call::run).getMessage();
  }

  @Test
  void nextInLineArePendingProcessesWaitingOnlyForRunningOnes() throws Exception {
    Planner p = planner(List.of("a", "b", "c", "d", "x"),
        Map.of("b", Set.of("a"), "c", Set.of("b"), "d", Set.of("a", "x")));
    assertEquals(List.of(), p.nextInLine(), "a and x are runnable: not next in line");
    p.setRunning("a");
    assertEquals(List.of("b"), p.nextInLine(), "d also waits for x, which has not started");
    p.setRunning("x");
    assertEquals(List.of("b", "d"), p.nextInLine());
    p.setFinished("a");
    assertEquals(List.of("d"), p.nextInLine(), "b is runnable now; c waits for b, pending");
    p.setRunning("b");
    assertEquals(List.of("c", "d"), p.nextInLine());
  }

  @Test
  void anEmptyPlanHasNothingToDoAndIsComplete() throws Exception {
    Planner p = planner(List.of(), Map.of());
    assertEquals(List.of(), p.runnable());
    assertEquals(Set.of(), p.running());
    assertEquals(Set.of(), p.finished());
    assertTrue(p.isComplete());
  }

  @Test
  void unorderedProcessesAreAllRunnableInDeclarationOrder() throws Exception {
    Planner p = planner(List.of("p3", "p1", "p2"), Map.of());
    assertEquals(List.of("p3", "p1", "p2"), p.runnable());
    p.setRunning("p1");
    assertEquals(List.of("p3", "p2"), p.runnable());
    assertEquals(Set.of("p1"), p.running());
  }

  @Test
  void unorderedProcessesFinishIndependently() throws Exception {
    Planner p = planner(List.of("p1", "p2", "p3"), Map.of());
    p.setRunning("p2");
    assertEquals("setFinished: process p3 is PENDING", misuse(() -> p.setFinished("p3")));
    p.setRunning("p3");
    p.setFinished("p3");
    assertEquals(List.of("p1"), p.runnable());
    assertEquals(Set.of("p2"), p.running());
    assertEquals(Set.of("p3"), p.finished());
    p.setFinished("p2");
    assertEquals("reset: process p3 is FINISHED", misuse(() -> p.reset("p3")));
    assertFalse(p.isComplete());
    p.setRunning("p1");
    p.setFinished("p1");
    assertTrue(p.isComplete());
  }

  @Test
  void orderedProcessesBecomeRunnableOnlyWhenTheirDependenciesFinish() throws Exception {
    Planner p =
        planner(List.of("p1", "p2", "p3"), Map.of("p2", Set.of("p1"), "p3", Set.of("p2")));
    assertEquals(List.of("p1"), p.runnable());
    assertEquals(
        "setRunning: process p2 is PENDING (waiting for [p1])", misuse(() -> p.setRunning("p2")));
    misuse(() -> p.setRunning("p3"));
    p.setRunning("p1");
    assertEquals(List.of(), p.runnable());
    p.setFinished("p1");
    assertEquals(List.of("p2"), p.runnable());
    for (String process : List.of("p1", "p2", "p3")) {
      misuse(() -> p.reset(process));
    }
    p.setRunning("p2");
    p.setFinished("p2");
    assertEquals(List.of("p3"), p.runnable());
    assertFalse(p.isComplete());
    p.setRunning("p3");
    p.setFinished("p3");
    assertTrue(p.isComplete());
  }

  @Test
  void processesWithoutDependenciesAreRunnableNextToAChain() throws Exception {
    Planner p =
        planner(
            List.of("p1", "p2", "p3", "d1", "d2"),
            Map.of("p3", Set.of("p2"), "p2", Set.of("p1")));
    assertEquals(List.of("p1", "d1", "d2"), p.runnable());
  }

  @Test
  void aFailedDependencyBlocksItsSuccessorsForever() throws Exception {
    Planner p = planner(List.of("a", "b"), Map.of("b", Set.of("a")));
    p.setRunning("a");
    p.setFailed("a");
    assertEquals(List.of(), p.runnable());
    assertEquals(Set.of("a"), p.failed());
    assertEquals(
        "setRunning: process b is PENDING (waiting for [a])", misuse(() -> p.setRunning("b")));
    assertFalse(p.isComplete());
  }

  @Test
  void settingARunningProcessRunningAgainIsANoOp() throws Exception {
    Planner p = planner(List.of("a"), Map.of());
    p.setRunning("a");
    p.setRunning("a");
    assertEquals(Set.of("a"), p.running());
  }

  @Test
  void aResetProcessIsRunnableAgain() throws Exception {
    Planner p = planner(List.of("a"), Map.of());
    p.setRunning("a");
    p.reset("a");
    assertEquals(PlanState.PENDING, p.stateOf("a"));
    assertEquals(List.of("a"), p.runnable());
  }

  @Test
  void terminalProcessesCannotRunOrEndAgain() throws Exception {
    Planner p = planner(List.of("a", "b"), Map.of());
    p.setRunning("a");
    p.setFinished("a");
    p.setRunning("b");
    p.setFailed("b");
    assertEquals("setRunning: process a is FINISHED", misuse(() -> p.setRunning("a")));
    assertEquals("setRunning: process b is FAILED", misuse(() -> p.setRunning("b")));
    assertEquals("setFailed: process a is FINISHED", misuse(() -> p.setFailed("a")));
    assertEquals("setFinished: process b is FAILED", misuse(() -> p.setFinished("b")));
  }

  @Test
  void unknownOrDuplicateProcessesAreRejectedAsBadArguments() throws Exception {
    Planner p = planner(List.of("a"), Map.of());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> p.setRunning("zz"));
    assertTrue(unknown.getMessage().contains("zz"), unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> planner(List.of("a"), Map.of("a", Set.of("zz"))));
    assertThrows(IllegalArgumentException.class, () -> planner(List.of("a", "a"), Map.of()));
  }

  @Test
  void twoProcessCyclesAreUnsatisfiable() {
    Map<String, Set<String>> cycle = Map.of("p1", Set.of("p2"), "p2", Set.of("p1"));
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> planner(List.of("p1", "p2"), cycle));
    assertEquals("Cycles detected in the task schedule! (cycle: p1 -> p2 -> p1)", e.getMessage());
  }

  @Test
  void threeProcessCyclesAreUnsatisfiable() {
    Map<String, Set<String>> cycle =
        Map.of("p1", Set.of("p2"), "p2", Set.of("p3"), "p3", Set.of("p1"));
    InvalidScheduleException e =
        assertThrows(
            InvalidScheduleException.class, () -> planner(List.of("p1", "p2", "p3"), cycle));
    // p1 needs p2, p2 needs p3, p3 needs p1: p1 runs before p3, p3 before p2, p2 before p1
    assertEquals(InvalidScheduleException.CYCLES + " (cycle: p1 -> p3 -> p2 -> p1)",
        e.getMessage());
  }

  @Test
  void aSelfDependencyIsACycle() {
    assertThrows(
        InvalidScheduleException.class, () -> planner(List.of("p1"), Map.of("p1", Set.of("p1"))));
  }

  @Test
  void aDiamondIsNotACycle() throws Exception {
    Planner p =
        planner(
            List.of("a", "b", "c", "d"),
            Map.of("b", Set.of("a"), "c", Set.of("a"), "d", Set.of("b", "c")));
    assertEquals(List.of("a"), p.runnable());
    assertEquals(Set.of("b", "c"), p.dependenciesOf("d"));
  }
}
