package dev.thermos.planner;

import static dev.thermos.planner.TaskPlannerTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner's share of the reference scenarios (section 11.2), driven as the runner would. */
class TaskPlannerScenarioTest {
  private static ProcessAttributes proc(String name) {
    return ProcessAttributes.withDefaults(name).withMinDurationSecs(1);
  }

  @Test
  void scenario3RetriesThenSucceedsWithoutFailingTheTask() throws Exception {
    TaskPlanner p = plan(proc("p").withMaxFailures(5));
    double now = 0;
    for (int run = 1; run < 4; run++) {
      p.setRunning("p");
      p.addFailure("p", ++now);
      now += p.minWait(now);
    }
    p.setRunning("p");
    p.addSuccess("p", ++now);
    assertTrue(p.isComplete());
    assertEquals(Set.of(), p.failed());
    assertTrue(TaskHealth.isHealthy(p, 1, now));
  }

  @Test
  void scenario4AFailureBlocksItsSuccessorsAndDeadlocksThePlan() throws Exception {
    TaskPlanner p =
        TaskPlanner.of(
            List.of(proc("a"), proc("b"), proc("c")), List.of(List.of("a", "b", "c")), false);
    p.setRunning("a");
    p.addSuccess("a", 1);
    p.setRunning("b");
    assertTrue(TaskHealth.isHealthy(p, 2, 2));
    p.addFailure("b", 2);
    assertEquals(List.of(), p.runnableAt(100));
    assertEquals(List.of(), p.waitingAt(100));
    assertTrue(p.deadlocked(100));
    assertFalse(TaskHealth.isHealthy(p, 2, 100));
  }

  @Test
  void scenario5TaskMaxFailuresZeroToleratesEveryFailedProcess() throws Exception {
    List<ProcessAttributes> all = new java.util.ArrayList<>();
    for (String name : List.of("f1", "f2", "f3")) {
      all.add(proc(name).withMaxFailures(2));
    }
    for (String name : List.of("s1", "s2", "s3")) {
      all.add(proc(name));
    }
    TaskPlanner p = TaskPlanner.of(all, List.of(), false);
    double now = 0;
    while (!p.isComplete()) {
      now += p.minWait(now);
      for (String process : p.runnableAt(now)) {
        p.setRunning(process);
      }
      now += 1;
      for (String process : p.running()) {
        if (process.startsWith("f")) {
          p.addFailure(process, now);
        } else {
          p.addSuccess(process, now);
        }
      }
    }
    assertEquals(Set.of("f1", "f2", "f3"), p.failed());
    assertEquals(2, p.failures("f2"));
    assertTrue(TaskHealth.isHealthy(p, 0, now));
    assertFalse(TaskHealth.isHealthy(p, 3, now));
    assertTrue(TaskHealth.isHealthy(p, 4, now));
  }

  @Test
  void scenario9AFailingFinalizerDeadlocksTheFinalizingPlan() throws Exception {
    List<ProcessAttributes> all =
        List.of(proc("main"), proc("f1").withFinal(true), proc("f2").withFinal(true));
    TaskPlans plans = TaskPlans.of(all, List.of(List.of("f1", "f2")), TaskPlanner.UNLIMITED_RUNS);
    plans.regular().setRunning("main");
    plans.regular().addSuccess("main", 1);
    TaskPlanner finalizing = plans.finalizing();
    assertEquals(List.of("f1"), finalizing.runnableAt(1));
    finalizing.setRunning("f1");
    finalizing.addFailure("f1", 2);
    assertTrue(finalizing.deadlocked(2));
    assertTrue(TaskHealth.isHealthy(plans.regular(), 1, 2));
  }

  @Test
  void scenario10UnorderedFinalizersRetryIndependently() throws Exception {
    List<ProcessAttributes> all =
        List.of(proc("f1").withFinal(true).withMaxFailures(2), proc("f2").withFinal(true));
    TaskPlanner p = TaskPlanner.of(all, List.of(), true);
    assertEquals(List.of("f1", "f2"), p.runnableAt(0));
    p.setRunning("f1");
    p.setRunning("f2");
    p.addFailure("f1", 1);
    p.addSuccess("f2", 1);
    assertEquals(List.of("f1"), p.waitingAt(1.5));
    p.setRunning("f1");
    p.addFailure("f1", 3);
    assertTrue(p.isComplete());
    assertEquals(Set.of("f1"), p.failed());
    assertEquals(Set.of("f2"), p.finished());
  }

  @Test
  void scenario12ADaemonRerunsAfterEachSuccessUntilItFails() throws Exception {
    TaskPlanner p = plan(proc("d").withDaemon(true).withMinDurationSecs(2));
    List<Double> starts = new java.util.ArrayList<>();
    double now = 0;
    for (boolean succeeds : new boolean[] {true, true, false}) {
      now += p.minWait(now);
      starts.add(now);
      p.setRunning("d");
      now += 1;
      if (succeeds) {
        p.addSuccess("d", now);
      } else {
        p.addFailure("d", now);
      }
    }
    assertEquals(List.of(0.0, 3.0, 6.0), starts);
    assertEquals(Set.of("d"), p.failed());
    assertFalse(TaskHealth.isHealthy(p, 1, now));
  }

  @Test
  void scenario21RunnableIsInDeclarationOrderSoACallerCanCapConcurrency() throws Exception {
    TaskPlanner p = plan(proc("s1"), proc("s2"), proc("s3"));
    List<String> started = new java.util.ArrayList<>();
    double now = 0;
    while (!p.isComplete()) {
      String next = p.runnableAt(now).get(0);
      started.add(next);
      p.setRunning(next);
      assertEquals(1, p.running().size());
      p.addSuccess(next, ++now);
    }
    assertEquals(List.of("s1", "s2", "s3"), started);
  }

  @Test
  void aKilledRunIsTreatedAsLostAndRestarted() throws Exception {
    // Scenario 13: the runner maps KILLED to lost.
    TaskPlanner p = plan(proc("p"));
    p.setRunning("p");
    p.lost("p", 10);
    assertEquals(1, p.minWait(10), 1e-9);
    p.setRunning("p");
    p.addSuccess("p", 12);
    assertTrue(p.isComplete());
    assertEquals(0, p.failures("p"));
  }
}
