package dev.thermos.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.monitor.TaskSummary;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code thermos status --json}: a JSON array, one object per task, one task per line:
 *
 * <pre>
 * {"task_id": ..., "state": "SUCCESS", "active": false, "runner": "alive"|"dead" (active tasks),
 *  "runner_pid": N (alive), "launch_time_ms": ..., "user": ...,
 *  "ports": {"http": 8080}, "sandbox": ..., "processes": {"echo": {"runs": 1, "last": {run}}},
 *  "error": "corrupt record 2 at offset 80: ...", "torn_at": 512}
 * </pre>
 *
 * Runs as in {@code read --json} ({@link RunnerStateJson#writeRun}). Header fields the stream does
 * not have are omitted; {@code error} only for a stream that cannot be read to its end (the other
 * fields then describe the records before the bad one); {@code torn_at} only for a partial last
 * record.
 */
final class StatusJsonRenderer implements Closeable {
  private final JsonGenerator g;

  StatusJsonRenderer(Writer out) throws IOException {
    g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(new OnePerLine());
    g.writeStartArray();
  }

  /** One task; {@code runner} is null for a finished task. */
  void render(TaskSummary summary, RunnerLiveness runner) throws IOException {
    g.writeStartObject();
    g.writeStringField("task_id", summary.taskId());
    g.writeStringField("state", summary.taskState().name());
    g.writeBooleanField("active", summary.active());
    if (runner != null) {
      g.writeStringField("runner", runner.alive() ? "alive" : "dead");
      if (runner.alive()) {
        g.writeNumberField("runner_pid", runner.pid().getAsInt());
      }
    }
    RunnerHeader header = summary.header().orElse(null);
    if (header != null) {
      writeHeader(header);
    }
    g.writeObjectFieldStart("processes");
    for (Map.Entry<String, List<ProcessStatus>> e : summary.state().getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      g.writeNumberField("runs", runs.size());
      g.writeFieldName("last");
      RunnerStateJson.writeRun(g, runs.get(runs.size() - 1));
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

  private void writeHeader(RunnerHeader header) throws IOException {
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

  /** Compact objects, the (only, top-level) array's elements one per line. */
  private static final class OnePerLine extends MinimalPrettyPrinter {
    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw("[\n");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(values > 0 ? "\n]" : "]");
    }
  }

  @Override
  public void close() throws IOException {
    g.writeEndArray();
    g.writeRaw('\n');
    g.close();
  }
}
