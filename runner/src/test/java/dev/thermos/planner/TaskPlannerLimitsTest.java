package dev.thermos.planner;

import static dev.thermos.planner.TaskPlannerTest.P1;
import static dev.thermos.planner.TaskPlannerTest.P2;
import static dev.thermos.planner.TaskPlannerTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Losses, the run cap, preconditions and replaying a history. */
class TaskPlannerLimitsTest {
  private static final ProcessAttributes TWICE = P1.withMaxFailures(2).withMinDurationSecs(1);

  @Test
  void aSuccessLeavesNothingToWaitFor() throws Exception {
    TaskPlanner p = plan(TWICE);
    p.setRunning("p1");
    p.addSuccess("p1", 0);
    assertEquals(Double.POSITIVE_INFINITY, p.minWait(0));
  }

  @Test
  void aFailureIsRetriedAfterMinDurationUntilTheLimit() throws Exception {
    TaskPlanner p = plan(TWICE);
    p.setRunning("p1");
    p.addFailure("p1", 1);
    assertEquals(1, p.minWait(1), 1e-9);
    p.setRunning("p1");
    p.addFailure("p1", 3);
    assertEquals(Double.POSITIVE_INFINITY, p.minWait(3));
  }

  @Test
  void lossesDoNotCountAsFailuresButAreThrottled() throws Exception {
    TaskPlanner p = plan(TWICE);
    p.setRunning("p1");
    p.addFailure("p1", 1);
    p.setRunning("p1");
    p.lost("p1", 2);
    assertEquals(PlanState.PENDING, p.stateOf("p1"));
    assertEquals(1, p.failures("p1"));
    assertEquals(List.of("p1"), p.waitingAt(2.5));
    assertEquals(0.5, p.minWait(2.5), 1e-9);
    assertEquals(List.of("p1"), p.runnableAt(3));
    for (int k = 0; k < 50; k++) {
      p.setRunning("p1");
      p.lost("p1", 3 + k);
    }
    p.setRunning("p1");
    p.addFailure("p1", 100);
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void theRunCapFailsAProcessWhateverItsFailureLimit() throws Exception {
    TaskPlanner p = plan(P1.withMaxFailures(100).withMinDurationSecs(0)).withRunLimit(2);
    p.setRunning("p1");
    p.addFailure("p1", 1);
    assertTrue(p.runnableAt(1).contains("p1"));
    p.setRunning("p1");
    p.addFailure("p1", 2);
    assertFalse(p.runnableAt(2).contains("p1"));
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void theRunCapTurnsADaemonSuccessIntoAFailure() throws Exception {
    ProcessAttributes daemon = P1.withDaemon(true).withMaxFailures(100).withMinDurationSecs(0);
    TaskPlanner p = plan(daemon).withRunLimit(2);
    p.setRunning("p1");
    p.addFailure("p1", 1);
    p.setRunning("p1");
    p.addSuccess("p1", 2);
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void lossesCountTowardTheRunCap() throws Exception {
    TaskPlanner p = plan(TWICE).withRunLimit(3);
    for (int k = 0; k < 2; k++) {
      p.setRunning("p1");
      p.lost("p1", k);
    }
    p.setRunning("p1");
    p.lost("p1", 5);
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void aDaemonThatNeverFailsStopsAtTheRunnersCap() throws Exception {
    // Scenario 12, second half: max_failures=0 daemons only end at the 100-run cap.
    ProcessAttributes daemon = P1.withDaemon(true).withMaxFailures(0).withMinDurationSecs(1);
    TaskPlanner p = plan(daemon).withRunLimit(TaskPlanner.RUNNER_RUN_LIMIT);
    double now = 0;
    int runs = 0;
    while (!p.isComplete()) {
      assertEquals(List.of("p1"), p.runnableAt(now));
      p.setRunning("p1");
      p.addSuccess("p1", ++now);
      now += p.minWait(now);
      runs++;
    }
    assertEquals(100, runs);
    assertEquals(Set.of("p1"), p.failed());
  }

  @Test
  void aRunLimitBelowOneIsRejected() throws Exception {
    TaskPlanner p = plan(P1);
    assertThrows(IllegalArgumentException.class, () -> p.withRunLimit(0));
  }

  @Test
  void outcomesOfAProcessThatIsNotRunningAreRejectedWithoutSideEffects() throws Exception {
    TaskPlanner p = plan(P1, P2);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> p.addFailure("p1", 0));
    assertEquals("addFailure: process p1 is PENDING", e.getMessage());
    assertEquals(0, p.failures("p1"));
    assertEquals(0, p.waitSecs("p1", 0));
    p.setRunning("p2");
    p.addSuccess("p2", 0);
    assertEquals(
        "addSuccess: process p2 is FINISHED",
        assertThrows(IllegalStateException.class, () -> p.addSuccess("p2", 1)).getMessage());
    assertEquals(
        "lost: process p2 is FINISHED",
        assertThrows(IllegalStateException.class, () -> p.lost("p2", 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.setRunning("nope"));
  }

  @Test
  void startingIgnoresTheClockGateSoAHistoryCanBeReplayed() throws Exception {
    // A launch that failed before RUNNING (WAITING -> FAILED) is replayed as setRunning, addFailure
    // with the record's own time, even though "now" would still be inside min_duration.
    TaskPlanner p = plan(P1.withMaxFailures(3).withMinDurationSecs(60));
    p.setRunning("p1");
    p.addFailure("p1", 100);
    p.setRunning("p1");
    p.addFailure("p1", 101);
    p.setRunning("p1");
    p.setRunning("p1");
    p.addSuccess("p1", 130);
    assertEquals(Set.of("p1"), p.finished());
    assertEquals(2, p.failures("p1"));
  }

  @Test
  void aDuplicateNameKeepsItsFirstPositionAndLastAttributes() throws Exception {
    TaskPlanner p = plan(P1, P2, P1.withDaemon(true));
    assertEquals(List.of("p1", "p2"), p.processes());
    assertTrue(p.attributes("p1").daemon());
  }
}
