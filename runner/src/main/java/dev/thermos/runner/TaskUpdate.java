package dev.thermos.runner;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.config.TaskValidator;
import dev.thermos.planner.InvalidScheduleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code thermos update} being applied: the new task (as {@code thermos update} evaluated it,
 * the way a stored task file is), and the processes whose live runs must end before it replaces
 * the current one: those it removes and those it changes. A process is changed when its own
 * fields, or the task's {@code user}, {@code env} or {@code restart_backoff}, differ; the task's
 * other fields (constraints, {@code max_failures}, {@code max_concurrency},
 * {@code finalization_wait}) change no process.
 *
 * @param next the new task
 * @param removed the processes of the current task the new one does not have
 * @param changed the processes of both that differ
 * @param added the new task's processes the current one does not have
 */
public record TaskUpdate(TaskConfig next, Set<String> removed, Set<String> changed,
    Set<String> added) {
  /**
   * The update from {@code current} to the task {@code json}.
   *
   * @throws InvalidTaskException when the new task does not load or validate
   * @throws InvalidScheduleException when its plan cannot be built
   */
  public static TaskUpdate of(TaskConfig current, String json)
      throws InvalidTaskException, InvalidScheduleException {
    TaskConfig next = TaskConfigLoader.parse(json, "the updated task");
    TaskValidator.validate(next);
    Plans.of(next);
    Map<String, String> before = keys(current);
    Map<String, String> after = keys(next);
    Set<String> removed = new LinkedHashSet<>(before.keySet());
    removed.removeAll(after.keySet());
    Set<String> added = new LinkedHashSet<>(after.keySet());
    added.removeAll(before.keySet());
    Set<String> changed = new LinkedHashSet<>();
    after.forEach((p, key) -> {
      if (before.containsKey(p) && !before.get(p).equals(key)) {
        changed.add(p);
      }
    });
    return new TaskUpdate(next, removed, changed, added);
  }

  /** The processes whose live runs are stopped first. */
  Set<String> stopped() {
    Set<String> out = new LinkedHashSet<>(removed);
    out.addAll(changed);
    return out;
  }

  /** "added [a], removed [b], changed [c]". */
  public String describe() {
    return "added " + added + ", removed " + removed + ", changed " + changed;
  }

  /** Each process's name to what makes a run of it what it is, as JSON. */
  private static Map<String, String> keys(TaskConfig task) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ProcessConfig p : task.processes()) {
      out.put(p.name(), TaskConfigJson.toJson(new TaskConfig("p", List.of(p), List.of(),
          TaskConfig.DEFAULT_MAX_FAILURES, TaskConfig.DEFAULT_MAX_CONCURRENCY,
          TaskConfig.DEFAULT_FINALIZATION_WAIT_SECS, null, task.user(), task.env(),
          task.restartBackoff())));
    }
    return out;
  }
}
