package dev.thermos.observer.event;

import java.util.Objects;

/**
 * One state change read from a task's runner checkpoint: a task state ({@code process} null) or a
 * process run's state. {@code recordIndex} is the index of the record in the runner's stream
 * (0 for the first record): with {@code taskId} it names the record, so whoever keeps transitions
 * can tell one already kept from a new one after a restart of the observer.
 *
 * @param taskId the task
 * @param process the process, or null for a task state
 * @param run the run number of the process (0 for the first run), or -1 for a task state
 * @param state the state's name as in the IDL ({@code RUNNING}, {@code SUCCESS}, {@code CLEANING}, ...)
 * @param timestamp when it happened, in seconds since the epoch (the record's own time when it has
 *     one, otherwise when the observer read it)
 * @param returnCode the exit code an ended run recorded, or null
 * @param recordIndex index of the record in the runner's checkpoint stream
 */
public record Transition(String taskId, String process, int run, String state, double timestamp,
    Integer returnCode, long recordIndex) {
  public Transition {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
  }

  /** Whether this is a task state rather than a process run's. */
  public boolean isTaskState() {
    return process == null;
  }
}
