package dev.thermos.planner;

import java.util.List;

/**
 * The task's processes and order constraints do not form a valid plan (Aurora's
 * {@code Planner.InvalidSchedule}). The message is exactly Aurora's, one of:
 *
 * <ul>
 *   <li>{@value #INVALID_DEPENDENCIES}
 *   <li>{@code Process X may not depend upon daemon process Y}
 *   <li>{@code Non-ephemeral process X may not depend upon ephemeral process Y}
 *   <li>{@value #CYCLES}
 * </ul>
 *
 * <p>The task validator prefixes it with {@code "Task has invalid plan: "}.
 */
public final class InvalidScheduleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An order list mixing names inside and outside the plan, or an empty order list. */
  public static final String INVALID_DEPENDENCIES = "Invalid process dependencies!";

  /** The dependencies contain a cycle. */
  public static final String CYCLES = "Cycles detected in the task schedule!";

  /**
   * @param message Aurora's message, verbatim
   */
  public InvalidScheduleException(String message) {
    super(message);
  }

  /** Aurora's message, then what is wrong: {@code "Invalid process dependencies! (why)"}. */
  static InvalidScheduleException invalidDependencies(String why) {
    return new InvalidScheduleException(INVALID_DEPENDENCIES + " (" + why + ")");
  }

  /** Aurora's message, then one cycle: {@code "... (cycle: a -> b -> a)"}. */
  static InvalidScheduleException cycles(List<String> cycle) {
    return new InvalidScheduleException(CYCLES + " (cycle: " + String.join(" -> ", cycle) + ")");
  }

  static InvalidScheduleException dependsOnDaemon(String process, String daemon) {
    return new InvalidScheduleException(
        "Process " + process + " may not depend upon daemon process " + daemon);
  }

  static InvalidScheduleException dependsOnEphemeral(String process, String ephemeral) {
    return new InvalidScheduleException(
        "Non-ephemeral process " + process + " may not depend upon ephemeral process " + ephemeral);
  }
}
