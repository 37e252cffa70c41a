package dev.thermos.runner;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.health.ProbeContext;
import dev.thermos.health.RunAs;
import dev.thermos.supervision.TaskMarker;
import java.nio.file.Path;

/**
 * Where a process's {@code cmdline} health check runs: in the process's working directory, with
 * its environment (the task's marker included, so the end of the task finds a check left
 * behind), as its user.
 */
final class ProbeContexts {
  private final TaskConfig task;
  private final RunnerSettings settings;
  private final TaskMarker marker;

  ProbeContexts(TaskConfig task, RunnerSettings settings) {
    this.task = task;
    this.settings = settings;
    this.marker = TaskMarker.of(settings.root(), settings.taskId());
  }

  ProbeContext of(String process) {
    ProcessConfig p = task.processes().stream().filter(c -> c.name().equals(process))
        .findFirst().orElseThrow();
    String dir = p.options().workingDir();
    Path where = dir == null ? settings.sandbox() : settings.sandbox().resolve(dir);
    dev.thermos.launch.RunAs user = settings.runAs();
    return new ProbeContext(where,
        ProcessEnvironment.of(settings, marker, task.env(), p.options().env()),
        user == null ? null : new RunAs(user.uid(), user.gid(),
            user.groups().stream().mapToInt(Integer::intValue).toArray()));
  }
}
