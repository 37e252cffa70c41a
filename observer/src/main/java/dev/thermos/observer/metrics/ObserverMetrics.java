package dev.thermos.observer.metrics;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What {@code /metrics} shows, computed at each scrape: tasks by state; for each process of an
 * active task its runs, failed runs and state (finished tasks are counted, not itemised: their
 * series would only grow); CPU, RSS and threads of running processes and the disk use of their
 * sandboxes (the latest samples); and the observer's own health.
 */
public final class ObserverMetrics implements MultiCollector {
  private final Supplier<Collection<TaskSummary>> tasks;
  private final LatestSamples samples;
  private final Supplier<ObserverHealth> health;

  public ObserverMetrics(Supplier<Collection<TaskSummary>> tasks, LatestSamples samples,
      Supplier<ObserverHealth> health) {
    this.tasks = tasks;
    this.samples = samples;
    this.health = health;
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Integer> byState = new TreeMap<>();
    GaugeFamily runs = new GaugeFamily("thermos_process_runs",
        "Runs of each process of an active task");
    GaugeFamily failures = new GaugeFamily("thermos_process_failed_runs",
        "Runs that ended FAILED, per process of an active task");
    GaugeFamily state = new GaugeFamily("thermos_process_state",
        "1 for the current state of the last run of each process of an active task");
    GaugeFamily cpu = new GaugeFamily("thermos_process_cpu_cores",
        "CPU of a running process tree, in cores, over the last sampling interval");
    GaugeFamily rss = new GaugeFamily("thermos_process_rss_bytes",
        "Resident memory of a running process tree");
    GaugeFamily threads = new GaugeFamily("thermos_process_threads",
        "Threads of a running process tree");
    GaugeFamily disk = new GaugeFamily("thermos_sandbox_disk_bytes",
        "Bytes of the regular files in an active task's sandbox (latest complete walk)");
    for (TaskSummary t : tasks.get()) {
      byState.merge(t.taskState().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (!t.active()) {
        continue;
      }
      String id = t.taskId();
      Map<String, List<ProcessStatus>> processes = t.state().getProcesses();
      if (processes != null) {
        for (Map.Entry<String, List<ProcessStatus>> e : processes.entrySet()) {
          processRuns(id, e.getKey(), e.getValue(), runs, failures, state);
        }
      }
      for (ResourceSample s : samples.resources(id).values()) {
        cpu.add(s.cpu(), "task_id", id, "process", s.process());
        rss.add(s.rssBytes(), "task_id", id, "process", s.process());
        threads.add(s.threads(), "task_id", id, "process", s.process());
      }
      samples.disk(id).map(DiskSample::bytes).ifPresent(b -> disk.add(b, "task_id", id));
    }
    GaugeFamily taskStates = new GaugeFamily("thermos_tasks",
        "Tasks by the state of their last task status");
    byState.forEach((s, n) -> taskStates.add(n, "state", s));
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (GaugeFamily f : List.of(taskStates, runs, failures, state, cpu, rss, threads, disk)) {
      out.metricSnapshot(f.snapshot());
    }
    health(out, health.get());
    return out.build();
  }

  private static void processRuns(String taskId, String process, List<ProcessStatus> list,
      GaugeFamily runs, GaugeFamily failures, GaugeFamily state) {
    if (list == null || list.isEmpty()) {
      return;
    }
    long failed = list.stream().filter(r -> r.getState() == ProcessState.FAILED).count();
    ProcessState last = list.get(list.size() - 1).getState();
    runs.add(list.size(), "task_id", taskId, "process", process);
    failures.add(failed, "task_id", taskId, "process", process);
    state.add(1, "task_id", taskId, "process", process, "state",
        last == null ? "unknown" : last.name().toLowerCase(Locale.ROOT));
  }

  private static void health(MetricSnapshots.Builder out, ObserverHealth h) {
    out.metricSnapshot(new GaugeFamily("thermos_observer_watched_directories",
        "Directories registered with the observer's file watcher")
        .add(h.watchedDirectories()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_followed_tasks",
        "Tasks whose runner checkpoint the observer follows").add(h.followedTasks()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_event_lag_seconds",
        "Delay between the latest transition kept in the history and its event being sent")
        .add(h.eventLagSeconds()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_event_clients",
        "Clients connected to the event stream").add(h.eventClients()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_history_bytes",
        "Bytes of the history's files").add(h.historyBytes()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_history_index_bytes",
        "Bytes of the history's in-memory cursor index").add(h.historyIndexBytes()).snapshot());
    out.metricSnapshot(new GaugeFamily("thermos_observer_sample_round_seconds",
        "Duration of the sampler's last round").add(h.sampleRoundSeconds()).snapshot());
  }
}
