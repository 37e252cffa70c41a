package dev.thermos.observer.metrics;

import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Tasks and samples to render: an active task with a retried process, two finished tasks. */
final class MetricsFixture {
  private MetricsFixture() {}

  static List<TaskSummary> tasks() {
    return List.of(
        task("web", TaskFileState.ACTIVE, TaskState.ACTIVE, Map.of(
            "server", List.of(ProcessState.FAILED, ProcessState.FAILED, ProcessState.RUNNING),
            "setup", List.of(ProcessState.SUCCESS))),
        task("batch", TaskFileState.FINISHED, TaskState.SUCCESS,
            Map.of("job", List.of(ProcessState.SUCCESS))),
        task("broken", TaskFileState.FINISHED, TaskState.FAILED,
            Map.of("job", List.of(ProcessState.FAILED))));
  }

  static LatestSamples samples() {
    return new LatestSamples() {
      @Override
      public Map<String, ResourceSample> resources(String taskId) {
        return taskId.equals("web")
            ? Map.of("server", new ResourceSample("web", "server", 2, 1e9, 0.25, 52_428_800, 7))
            : Map.of();
      }

      @Override
      public Optional<DiskSample> disk(String taskId) {
        return taskId.equals("web") ? Optional.of(new DiskSample("web", 1e9, 4096))
            : Optional.empty();
      }
    };
  }

  static ObserverHealth health() {
    return new ObserverHealth(12, 3, 0.004, 2, 1 << 20, 2048, 0.015);
  }

  private static TaskSummary task(String id, TaskFileState file, TaskState last,
      Map<String, List<ProcessState>> processes) {
    RunnerState state = new RunnerState();
    state.setStatuses(new ArrayList<>(List.of(new TaskStatus().setState(last))));
    Map<String, List<ProcessStatus>> runs = new HashMap<>();
    processes.forEach((name, states) -> {
      List<ProcessStatus> list = new ArrayList<>();
      states.forEach(s -> list.add(new ProcessStatus().setProcess(name).setState(s)));
      runs.put(name, list);
    });
    state.setProcesses(runs);
    return new TaskSummary(new DetectedTask(id, file), Path.of("/nowhere"), state,
        Optional.empty(), OptionalLong.empty());
  }
}
