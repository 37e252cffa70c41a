package dev.thermos.runner;

import dev.thermos.gen.TaskState;

/** The task already reached a terminal state; there is nothing to run. */
public final class TerminalTaskException extends Exception {
  private final TaskState state;

  public TerminalTaskException(String taskId, TaskState state) {
    super("task " + taskId + " already ended " + state);
    this.state = state;
  }

  public TaskState state() {
    return state;
  }
}
