package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskHealthTest {
  private static TaskPlanner twoIndependentProcesses() throws InvalidScheduleException {
    return TaskPlanner.of(
        List.of(ProcessAttributes.withDefaults("a"), ProcessAttributes.withDefaults("b")),
        List.of(),
        false);
  }

  @Test
  void aFreshTaskIsHealthy() throws Exception {
    assertTrue(TaskHealth.isHealthy(twoIndependentProcesses(), 1, 0));
  }

  @Test
  void aTaskIsUnhealthyOnceMaxFailuresProcessesHaveFailed() throws Exception {
    TaskPlanner p = twoIndependentProcesses();
    p.setRunning("a");
    p.addFailure("a", 1);
    assertFalse(TaskHealth.isHealthy(p, 1, 1));
    assertTrue(TaskHealth.isHealthy(p, 2, 1));
    p.setRunning("b");
    p.addFailure("b", 2);
    assertFalse(TaskHealth.isHealthy(p, 2, 2));
  }

  @Test
  void taskMaxFailuresZeroToleratesAnyNumberOfFailedProcesses() throws Exception {
    TaskPlanner p = twoIndependentProcesses();
    for (String process : List.of("a", "b")) {
      p.setRunning(process);
      p.addFailure(process, 1);
    }
    assertTrue(TaskHealth.isHealthy(p, 0, 1));
  }

  @Test
  void aDeadlockedRegularPlanIsUnhealthyEvenUnderTheFailureLimit() throws Exception {
    TaskPlanner p =
        TaskPlanner.of(
            List.of(ProcessAttributes.withDefaults("a"), ProcessAttributes.withDefaults("b")),
            List.of(List.of("a", "b")),
            false);
    p.setRunning("a");
    p.addFailure("a", 1);
    assertTrue(p.deadlocked(1));
    assertFalse(TaskHealth.isHealthy(p, 0, 1));
    assertFalse(TaskHealth.isHealthy(p, 5, 1));
  }

  @Test
  void aProcessStillWaitingOutItsMinDurationIsNotADeadlock() throws Exception {
    TaskPlanner p =
        TaskPlanner.of(
            List.of(ProcessAttributes.withDefaults("a").withMaxFailures(2)), List.of(), false);
    p.setRunning("a");
    p.addFailure("a", 1);
    assertFalse(p.deadlocked(2));
    assertTrue(TaskHealth.isHealthy(p, 1, 2));
  }
}
