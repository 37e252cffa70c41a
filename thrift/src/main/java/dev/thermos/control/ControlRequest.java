package dev.thermos.control;

import java.util.Locale;

/**
 * One request to a task's runner, as a line of {@link ControlLog}: a verb, the process it is about
 * (restart, signal), the signal's name (signal), the drain's timeout, the new task as JSON and its
 * template (update), when it was made and a random id. {@code offset} and {@code end} say where
 * its line is in the file (set when it is read; -1 before).
 */
public record ControlRequest(Verb verb, String process, String signal, double timeoutSecs,
    String task, String template, double atSecs, String id, long offset, long end) {
  /** What is asked. */
  public enum Verb {
    /** Launch nothing new until released. */
    HOLD,
    /** Undo a hold. */
    RELEASE,
    /** Launch nothing new, let the live runs end (within the timeout), then end the task. */
    DRAIN,
    /** Stop the live run of a process by its ladder and start it again at once. */
    RESTART,
    /** Send one signal to the process group of a process's live run. */
    SIGNAL,
    /** Replace the task: added processes start, removed ones stop, changed ones restart. */
    UPDATE;

    /** True for the requests carried out once (not folded into a state). */
    public boolean isAction() {
      return this == RESTART || this == SIGNAL || this == UPDATE;
    }

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Verb ofJson(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** A request not yet written (no position). */
  public static ControlRequest of(Verb verb, String process, String signal, double timeoutSecs,
      double atSecs, String id) {
    return new ControlRequest(verb, process, signal, timeoutSecs, null, null, atSecs, id, -1, -1);
  }

  /**
   * An update to {@code taskJson} (evaluated, as a stored task file) not yet written;
   * {@code template}: the task as given (for a later scale), or null.
   */
  public static ControlRequest update(String taskJson, String template, double atSecs,
      String id) {
    return new ControlRequest(Verb.UPDATE, null, null, -1, taskJson, template, atSecs, id, -1,
        -1);
  }

  /** The same request found at bytes {@code [offset, end)}. */
  ControlRequest at(long offset, long end) {
    return new ControlRequest(verb, process, signal, timeoutSecs, task, template, atSecs, id,
        offset, end);
  }
}
