package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mirrors Aurora's {@code test_task_planner.py}, with explicit timestamps. */
class TaskPlannerTest {
  static final ProcessAttributes P1 = ProcessAttributes.withDefaults("p1");
  static final ProcessAttributes P2 = ProcessAttributes.withDefaults("p2");
  static final ProcessAttributes P3 = ProcessAttributes.withDefaults("p3");

  static TaskPlanner plan(ProcessAttributes... processes) throws InvalidScheduleException {
    return TaskPlanner.of(List.of(processes), List.of(), false);
  }

  static TaskPlanner ordered(ProcessAttributes... processes) throws InvalidScheduleException {
    List<String> names = java.util.Arrays.stream(processes).map(ProcessAttributes::name).toList();
    return TaskPlanner.of(List.of(processes), List.of(names), false);
  }

  @Test
  void anEmptyPlanIsComplete() throws Exception {
    TaskPlanner p = plan();
    assertEquals(List.of(), p.runnableAt(0));
    assertTrue(p.isComplete());
  }

  @Test
  void unorderedProcessesAreAllRunnableAndOrderedOnesOneByOne() throws Exception {
    assertEquals(List.of("p1", "p2", "p3"), plan(P1, P2, P3).runnableAt(0));
    assertFalse(plan(P1, P2, P3).isComplete());
    assertEquals(List.of("p1"), ordered(P1, P2, P3).runnableAt(0));
  }

  @Test
  void aPlanOfOnlyEphemeralsIsCompleteFromTheStart() throws Exception {
    TaskPlanner p = plan(P1.withEphemeral(true));
    assertTrue(p.isComplete());
    p.setRunning("p1");
    assertTrue(p.isComplete());
    p.addFailure("p1", 0);
    assertTrue(p.isComplete());
    assertEquals(Set.of(), p.failed());
    assertEquals(Set.of("p1"), p.finished());
  }

  @Test
  void anEphemeralNeverKeepsAPlanFromCompleting() throws Exception {
    TaskPlanner p = plan(P1, P2.withEphemeral(true));
    assertFalse(p.isComplete());
    assertEquals(List.of("p1", "p2"), p.runnableAt(0));
    p.setRunning("p1");
    p.addFailure("p1", 0);
    assertTrue(p.isComplete());
    p.setRunning("p2");
    assertTrue(p.isComplete());
    p.addFailure("p2", 0);
    assertTrue(p.isComplete());
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void anEphemeralPastItsFailureLimitCountsAsFinished() throws Exception {
    TaskPlanner p = plan(P1.withEphemeral(true).withMaxFailures(2));
    p.setRunning("p1");
    p.addFailure("p1", 0);
    assertEquals(PlanState.PENDING, p.stateOf("p1"));
    p.setRunning("p1");
    p.addFailure("p1", 10);
    assertEquals(Set.of("p1"), p.finished());
  }

  @Test
  void aDaemonIsStillBoundByItsFailureLimit() throws Exception {
    TaskPlanner p = plan(P1.withDaemon(true));
    p.setRunning("p1");
    assertFalse(p.isComplete());
    p.addFailure("p1", 0);
    assertTrue(p.isComplete());
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void aDaemonSurvivesFailuresBelowItsLimitAndSwallowsSuccesses() throws Exception {
    TaskPlanner p = plan(P1.withDaemon(true).withMaxFailures(2));
    p.setRunning("p1");
    p.addFailure("p1", 0);
    assertFalse(p.isComplete());
    p.setRunning("p1");
    p.addSuccess("p1", 10);
    assertFalse(p.isComplete());
    p.setRunning("p1");
    p.addFailure("p1", 20);
    assertTrue(p.isComplete());
  }

  @Test
  void anEphemeralDaemonDoesNotHoldUpCompletion() throws Exception {
    TaskPlanner p = plan(P1, P2.withDaemon(true).withEphemeral(true).withMaxFailures(2));
    p.setRunning("p1");
    p.setRunning("p2");
    assertFalse(p.isComplete());
    p.addSuccess("p1", 0);
    assertTrue(p.isComplete());
  }

  @Test
  void aSuccessfulPredecessorReleasesItsSuccessorButAFailedOneNever() throws Exception {
    TaskPlanner ok = ordered(P1, P2);
    ok.setRunning("p1");
    ok.addSuccess("p1", 0);
    assertTrue(ok.runnableAt(0).contains("p2"));
    assertFalse(ok.isComplete());

    TaskPlanner bad = ordered(P1, P2);
    bad.setRunning("p1");
    bad.addFailure("p1", 0);
    for (double t : new double[] {0, 10, 1e9}) {
      assertFalse(bad.runnableAt(t).contains("p2"));
    }
    assertFalse(bad.isComplete());
    assertTrue(bad.deadlocked(1e9));
  }

  @Test
  void aDaemonRerunsMinDurationAfterThePreviousRunEnded() throws Exception {
    // Scenario 26 (test_task_daemon_duration).
    TaskPlanner p = plan(P1.withDaemon(true).withMaxFailures(2).withMinDurationSecs(10));
    assertTrue(p.runnableAt(0).contains("p1"));
    p.setRunning("p1");
    p.addSuccess("p1", 5);
    assertFalse(p.runnableAt(5).contains("p1"));
    assertFalse(p.runnableAt(10).contains("p1"));
    assertTrue(p.runnableAt(15).contains("p1"));
    assertTrue(p.runnableAt(20).contains("p1"));
    p.setRunning("p1");
    p.addFailure("p1", 10);
    assertFalse(p.runnableAt(10).contains("p1"));
    assertFalse(p.runnableAt(15).contains("p1"));
    assertTrue(p.runnableAt(20).contains("p1"));
    assertTrue(p.runnableAt(25).contains("p1"));
    p.setRunning("p1");
    p.addFailure("p1", 15);
    for (double t : new double[] {15, 20, 25, 30}) {
      assertFalse(p.runnableAt(t).contains("p1"), "past the failure limit at " + t);
    }
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void waitsAreCountedPerProcessFromTheEndOfItsLastRun() throws Exception {
    ProcessAttributes daemon = P1.withDaemon(true).withMaxFailures(0);
    TaskPlanner p =
        plan(
            daemon.withMinDurationSecs(3).withName("d3"),
            daemon.withMinDurationSecs(5).withName("d5"),
            daemon.withMinDurationSecs(7).withName("d7"));
    assertEquals(List.of("d3", "d5", "d7"), p.runnableAt(0));
    assertEquals(0, p.minWait(0));
    p.setRunning("d3");
    p.addSuccess("d3", 0);
    assertEquals(List.of("d5", "d7"), p.runnableAt(0));
    assertEquals(List.of("d3"), p.waitingAt(0));
    assertEquals(3, p.waitSecs("d3", 0), 1e-9);
    assertEquals(0, p.minWait(0));
    assertEquals(0, p.minWait(1));
    assertEquals(List.of(), p.waitingAt(3));
    assertEquals(List.of("d3", "d5", "d7"), p.runnableAt(3));

    p.setRunning("d3");
    p.setRunning("d7");
    p.addSuccess("d7", 1);
    assertEquals(0, p.minWait(2));
    p.setRunning("d5");
    assertEquals(6, p.minWait(2), 1e-9);
    p.addSuccess("d5", 2);
    p.addSuccess("d3", 2);
    assertEquals(2, p.minWait(3), 1e-9);
    assertEquals(List.of(), p.runnableAt(2));
    assertEquals(List.of("d3"), p.runnableAt(5));
    assertEquals(List.of("d3", "d5"), p.runnableAt(7));
    assertEquals(List.of("d3", "d5", "d7"), p.runnableAt(8));
  }

  @Test
  void minWaitIsInfiniteWhenNothingCanEverRunAgain() throws Exception {
    ProcessAttributes once = P1.withMaxFailures(1).withMinDurationSecs(1);
    TaskPlanner p = plan(once.withName("d1"), once.withName("d2"));
    p.setRunning("d1");
    p.setRunning("d2");
    assertEquals(List.of(), p.runnableAt(0));
    p.addFailure("d1", 0);
    p.addFailure("d2", 0);
    assertEquals(List.of(), p.runnableAt(0));
    assertEquals(Double.POSITIVE_INFINITY, p.minWait(0));
  }

  @Test
  void setFailedPinsARunningProcessFailed() throws Exception {
    ProcessAttributes once = P1.withMaxFailures(1).withMinDurationSecs(1);
    TaskPlanner p = plan(once.withName("d1"), once.withName("d2"));
    p.setRunning("d1");
    p.setFailed("d1");
    assertEquals(List.of("d2"), p.runnableAt(0));
    assertEquals(Set.of("d1"), p.failed());
    assertThrows(IllegalStateException.class, () -> p.setFailed("d2"));
  }

  @Test
  void maxFailuresZeroRetriesForever() throws Exception {
    TaskPlanner daemon = plan(P1.withMaxFailures(0).withDaemon(true));
    for (int k = 0; k < 1000; k++) {
      daemon.setRunning("p1");
      daemon.addFailure("p1", 2 * k);
      daemon.setRunning("p1");
      daemon.addSuccess("p1", 2 * k + 1);
      assertEquals(PlanState.PENDING, daemon.stateOf("p1"));
    }
    assertEquals(1000, daemon.failures("p1"));

    TaskPlanner regular = plan(P1.withMaxFailures(0));
    regular.setRunning("p1");
    regular.addFailure("p1", 0);
    assertEquals(PlanState.PENDING, regular.stateOf("p1"));
    regular.setRunning("p1");
    regular.addSuccess("p1", 10);
    assertEquals(Set.of("p1"), regular.finished());
  }
}
