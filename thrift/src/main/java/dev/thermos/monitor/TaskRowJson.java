package dev.thermos.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One task as {@code thermos status --json} prints it, and as the observer's {@code /api/v1/tasks}
 * lists it (one rendering for both):
 *
 * <pre>
 * {"task_id": ..., "state": "SUCCESS", "active": false, "runner": "alive"|"dead" (active tasks),
 *  "runner_pid": N (alive), "held": true (an active task held by {@code thermos hold}),
 *  "launch_time_ms": ..., "user": ...,
 *  "ports": {"http": 8080}, "sandbox": ..., "processes": {"echo": {"runs": 1, "last": {run},
 *  "health": {...} (a health-checked process: {@link TaskSideFiles})}},
 *  "error": "corrupt record 2 at offset 80: ...", "torn_at": 512}
 * </pre>
 *
 * Runs as in {@code read --json} ({@link RunnerStateJson#writeRun}). Header fields the stream does
 * not have are omitted; {@code error} only for a stream that cannot be read to its end (the other
 * fields then describe the records before the bad one); {@code torn_at} only for a partial last
 * record.
 */
public final class TaskRowJson {
  private TaskRowJson() {}

  /**
   * Writes {@code summary} as one object. {@code runnerHolder} is who holds the runner
   * checkpoint's lock (empty: the runner is dead); it is written for active tasks only.
   */
  public static void write(JsonGenerator g, TaskSummary summary, OptionalInt runnerHolder)
      throws IOException {
    write(g, summary, runnerHolder, TaskSideFiles.NONE);
  }

  /**
   * As above, with what the task's side files say: each process's {@code "health"} (of its latest
   * run) and its last run's {@code "stop_reason"}.
   */
  public static void write(JsonGenerator g, TaskSummary summary, OptionalInt runnerHolder,
      TaskSideFiles side) throws IOException {
    g.writeStartObject();
    g.writeStringField("task_id", summary.taskId());
    g.writeStringField("state", summary.taskState().name());
    g.writeBooleanField("active", summary.active());
    if (summary.active()) {
      g.writeStringField("runner", runnerHolder.isPresent() ? "alive" : "dead");
      if (runnerHolder.isPresent()) {
        g.writeNumberField("runner_pid", runnerHolder.getAsInt());
      }
      if (side.held()) {
        g.writeBooleanField("held", true);
      }
    }
    RunnerHeader header = summary.header().orElse(null);
    if (header != null) {
      writeHeader(g, header);
    }
    g.writeObjectFieldStart("processes");
    for (Map.Entry<String, List<ProcessStatus>> e : summary.state().getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      g.writeNumberField("runs", runs.size());
      g.writeFieldName("last");
      RunnerStateJson.writeRun(g, runs.get(runs.size() - 1),
          side.stopReason(e.getKey(), runs.size() - 1));
      TaskSideFiles.Health health = side.currentHealth(e.getKey(), runs);
      if (health != null) {
        g.writeFieldName("health");
        RunnerStateJson.writeHealth(g, health);
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    if (summary.error().isPresent()) {
      g.writeStringField("error", summary.error().get());
    }
    if (summary.tornAt().isPresent()) {
      g.writeNumberField("torn_at", summary.tornAt().getAsLong());
    }
    g.writeEndObject();
  }

  private static void writeHeader(JsonGenerator g, RunnerHeader header) throws IOException {
    if (header.isSetLaunchTimeMs()) {
      g.writeNumberField("launch_time_ms", header.getLaunchTimeMs());
    }
    if (header.isSetUser()) {
      g.writeStringField("user", header.getUser());
    }
    g.writeObjectFieldStart("ports");
    if (header.isSetPorts()) {
      for (Map.Entry<String, Long> p : new TreeMap<>(header.getPorts()).entrySet()) {
        g.writeNumberField(p.getKey(), p.getValue());
      }
    }
    g.writeEndObject();
    if (header.isSetSandbox()) {
      g.writeStringField("sandbox", header.getSandbox());
    }
  }
}
