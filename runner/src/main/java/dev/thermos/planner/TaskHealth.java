package dev.thermos.planner;

/**
 * The runner's health rule (Aurora's {@code TaskRunner.is_healthy}): a task is healthy while its
 * regular plan is not deadlocked and fewer than {@code task.max_failures} of its regular
 * processes have permanently failed ({@code max_failures == 0}: any number). Final processes
 * never affect health.
 */
public final class TaskHealth {
  private TaskHealth() {}

  /**
   * @param regular the task's regular plan
   * @param taskMaxFailures the task's {@code max_failures}; 0 = unlimited
   * @param nowSecs the time
   * @return whether the task is healthy
   */
  public static boolean isHealthy(TaskPlanner regular, int taskMaxFailures, double nowSecs) {
    if (regular.deadlocked(nowSecs)) {
      return false;
    }
    return taskMaxFailures == 0 || regular.failed().size() < taskMaxFailures;
  }
}
