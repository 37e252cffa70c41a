package dev.thermos.planner;

import java.util.List;

/**
 * The two plans of a task: the regular plan (processes with {@code final = false}) and the
 * finalizing plan ({@code final = true}). They are independent: order constraints may not cross
 * them, and the finalizing plan only runs in the FINALIZING stage.
 *
 * @param regular the regular plan
 * @param finalizing the finalizing plan
 */
public record TaskPlans(TaskPlanner regular, TaskPlanner finalizing) {

  /**
   * Builds both plans, the regular one first.
   *
   * @param processes every process of the task, in declaration order
   * @param orders the task's order constraints
   * @param runLimit the run cap of both plans ({@link TaskPlanner#UNLIMITED_RUNS} for none)
   * @return the plans
   * @throws InvalidScheduleException with the first problem found
   */
  public static TaskPlans of(
      List<ProcessAttributes> processes, List<List<String>> orders, int runLimit)
      throws InvalidScheduleException {
    checkNames(processes, orders);
    TaskPlanner regular = TaskPlanner.of(processes, orders, false).withRunLimit(runLimit);
    TaskPlanner finalizing = TaskPlanner.of(processes, orders, true).withRunLimit(runLimit);
    return new TaskPlans(regular, finalizing);
  }

  /** An order naming some processes of the task and some it does not have names the latter. */
  private static void checkNames(List<ProcessAttributes> processes, List<List<String>> orders)
      throws InvalidScheduleException {
    java.util.Set<String> names = new java.util.HashSet<>();
    processes.forEach(p -> names.add(p.name()));
    for (ProcessAttributes p : processes) {
      for (String on : p.dependsOn().keySet()) {
        if (!names.contains(on)) {
          throw InvalidScheduleException.invalidDependencies(
              "depends_on of '" + p.name() + "' names unknown process '" + on + "'");
        }
      }
    }
    for (List<String> order : orders) {
      List<String> unknown = order.stream().filter(n -> !names.contains(n)).toList();
      if (!unknown.isEmpty() && unknown.size() < order.size()) {
        throw InvalidScheduleException.invalidDependencies(
            "order " + order + " names unknown process '" + unknown.get(0) + "'");
      }
    }
  }

  /**
   * Checks that both plans can be built (Aurora's {@code assert_valid_plan}); the task validator
   * prefixes the message with {@code "Task has invalid plan: "}.
   *
   * @param processes every process of the task, in declaration order
   * @param orders the task's order constraints
   * @throws InvalidScheduleException with the first problem found, regular plan first
   */
  public static void validate(List<ProcessAttributes> processes, List<List<String>> orders)
      throws InvalidScheduleException {
    of(processes, orders, TaskPlanner.UNLIMITED_RUNS);
  }
}
