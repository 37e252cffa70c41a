package dev.thermos.runner;

import dev.thermos.launch.RunAs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Where and as whom a task runs.
 *
 * @param root checkpoint root ({@code checkpoints/}, {@code tasks/} below it)
 * @param sandbox the processes' working directory and HOME
 * @param taskId the task's id
 * @param user the user processes run as: the task's {@code user} when the runner switches to it,
 *     else the runner's
 * @param uid the runner's uid (recorded in the header and the task states)
 * @param hostname recorded in the header
 * @param ports named ports bound with {@code -P}
 * @param force take the task from a live runner (SIGKILL it)
 * @param clock wall clock, injected for tests
 * @param runAs the user the processes are switched to (the runner is root), or null
 * @param template the task as given, before instances and interpolation, as JSON (kept for
 *     {@code thermos scale}: {@link TaskTemplate}); null when not known
 */
public record RunnerSettings(
    Path root,
    Path sandbox,
    String taskId,
    String user,
    int uid,
    String hostname,
    Map<String, Integer> ports,
    boolean force,
    Clock clock,
    RunAs runAs,
    String template) {

  /** The log directory of this task's processes. */
  public Path logDir() {
    return sandbox.resolve(".logs");
  }

  double nowSecs() {
    return clock.millis() / 1000.0;
  }
}
