/**
 * Pure process scheduling for a thermos task: which processes of a plan may run, when, and what
 * each run's outcome does to the plan (Aurora's {@code apache.thermos.common.planner}).
 *
 * <p>Nothing here reads a clock or touches the disk: times are passed in as {@code nowSecs}
 * (epoch seconds, fractional). Every list of process names is in <em>declaration order</em> (the
 * order of the task's {@code processes}), so callers that take "the first N runnable processes"
 * behave reproducibly, where Aurora's unordered sets made the choice arbitrary.
 *
 * <ul>
 *   <li>{@link dev.thermos.planner.ProcessAttributes}: the per-process knobs the planner needs.
 *   <li>{@link dev.thermos.planner.Planner}: dependency bookkeeping and the per-process state
 *       machine.
 *   <li>{@link dev.thermos.planner.DependencyExtractor}: order constraints to dependencies, with
 *       Aurora's error messages ({@link dev.thermos.planner.InvalidScheduleException}).
 *   <li>{@link dev.thermos.planner.TaskPlanner}: retries, daemons, ephemerals, min_duration, run
 *       cap.
 *   <li>{@link dev.thermos.planner.TaskPlans}: the regular and the finalizing plan of a task.
 *   <li>{@link dev.thermos.planner.TaskHealth}: the runner's health rule.
 * </ul>
 */
package dev.thermos.planner;
