package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shapes of Aurora's observer JSON (§9.4 of the reference): a task ({@code _task}), a row of
 * {@code /j/task_ids}, one process run ({@code _process}) and a resource sample. Optional fields
 * are omitted when falsy, as Aurora's are (a return code of 0 is omitted).
 */
final class AuroraTaskJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] GROUPS = {"waiting", "running", "success", "failed", "killed"};

  private final LatestSamples samples;

  AuroraTaskJson(LatestSamples samples) {
    this.samples = samples;
  }

  /** Whether Aurora would describe this task at all (it needs a header and a status). */
  static boolean describable(RunnerState state) {
    return state.isSetHeader() && !state.getStatuses().isEmpty();
  }

  /**
   * A row of {@code /j/task_ids}: task_id, name, role, launch_timestamp, state, state_timestamp,
   * ports and the sample keys.
   */
  void writeRow(JsonGenerator g, String taskId, String name, RunnerState state)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("task_id", taskId);
    g.writeStringField("name", name);
    g.writeStringField("role", state.getHeader().getUser());
    writeTimes(g, state);
    writePorts(g, state.getHeader());
    writeSampleFields(g, taskId);
    g.writeEndObject();
  }

  /** A task ({@code _task}); {@code config} is the stored task (null: none). */
  void writeTask(JsonGenerator g, String taskId, String name, RunnerState state, JsonNode config)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("task_id", taskId);
    g.writeStringField("name", name);
    writeTimes(g, state);
    g.writeStringField("user", state.getHeader().getUser());
    g.writeFieldName("resource_consumption");
    g.writeStartObject();
    writeSampleFields(g, taskId);
    g.writeEndObject();
    writePorts(g, state.getHeader());
    writeProcessGroups(g, state);
    if (config != null) {
      g.writeFieldName("task");
      MAPPER.writeTree(g, config);
    }
    g.writeEndObject();
  }

  /** One run ({@code _process}); {@code run} is its index. */
  void writeProcess(JsonGenerator g, String taskId, String process, ProcessStatus r, int run)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("process_name", process);
    g.writeNumberField("process_run", run);
    g.writeStringField("state", r.getState().name());
    if (r.isSetStartTime() && r.getStartTime() != 0) {
      writeTime(g, "start_time", r.getStartTime());
    }
    if (r.isSetStopTime() && r.getStopTime() != 0) {
      writeTime(g, "stop_time", r.getStopTime());
    }
    if (r.isSetReturnCode() && r.getReturnCode() != 0) {
      g.writeNumberField("return_code", r.getReturnCode());
    }
    if (r.getState() == ProcessState.RUNNING) {
      ResourceSample s = samples.resources(taskId).get(process);
      g.writeObjectFieldStart("used");
      writeSample(g, s == null ? 0 : s.cpu(), s == null ? 0 : s.rssBytes(),
          s == null ? 0 : s.threads());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** A time in seconds as Python writes it ({@code 1764000000.5}, no exponent). */
  static void writeTime(JsonGenerator g, String name, double seconds) throws IOException {
    g.writeFieldName(name);
    if (Double.isFinite(seconds)) {
      g.writeNumber(RunnerStateJson.plainDecimal(seconds));
    } else {
      g.writeNull();
    }
  }

  private static void writeTimes(JsonGenerator g, RunnerState state) throws IOException {
    List<TaskStatus> statuses = state.getStatuses();
    TaskStatus last = statuses.get(statuses.size() - 1);
    int since = statuses.size() - 1;
    while (since > 0 && statuses.get(since - 1).getState() == last.getState()) {
      since--;
    }
    g.writeNumberField("launch_timestamp", statuses.get(0).getTimestampMs() / 1000);
    g.writeStringField("state", last.getState().name());
    g.writeNumberField("state_timestamp", statuses.get(since).getTimestampMs() / 1000);
  }

  private static void writePorts(JsonGenerator g, RunnerHeader header) throws IOException {
    g.writeObjectFieldStart("ports");
    if (header.isSetPorts()) {
      for (Map.Entry<String, Long> p : new TreeMap<>(header.getPorts()).entrySet()) {
        g.writeNumberField(p.getKey(), p.getValue());
      }
    }
    g.writeEndObject();
  }

  /** LOST and WAITING runs count as waiting, FORKED as running (Aurora's grouping). */
  private static void writeProcessGroups(JsonGenerator g, RunnerState state) throws IOException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String group : GROUPS) {
      groups.put(group, new ArrayList<>());
    }
    for (Map.Entry<String, List<ProcessStatus>> e : state.getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      String group = switch (runs.get(runs.size() - 1).getState()) {
        case FORKED, RUNNING -> "running";
        case SUCCESS -> "success";
        case FAILED -> "failed";
        case KILLED -> "killed";
        default -> "waiting";
      };
      groups.get(group).add(e.getKey());
    }
    g.writeObjectFieldStart("processes");
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String name : e.getValue()) {
        g.writeString(name);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** cpu, ram, user, system, rss, vms, nice, status, threads, disk: the whole task's sample. */
  private void writeSampleFields(JsonGenerator g, String taskId) throws IOException {
    double cpu = 0;
    long rss = 0;
    int threads = 0;
    for (ResourceSample s : samples.resources(taskId).values()) {
      cpu += s.cpu();
      rss += s.rssBytes();
      threads += s.threads();
    }
    writeSample(g, cpu, rss, threads);
    g.writeNumberField("disk", samples.disk(taskId).map(DiskSample::bytes).orElse(0L));
  }

  /**
   * The keys of Aurora's {@code ProcessSample.to_dict}. We sample CPU rate, RSS and threads; the
   * others are written as Aurora's empty sample has them (0, status null).
   */
  private static void writeSample(JsonGenerator g, double cpu, long rss, int threads)
      throws IOException {
    g.writeNumberField("cpu", cpu);
    g.writeNumberField("ram", rss);
    g.writeNumberField("user", 0.0);
    g.writeNumberField("system", 0.0);
    g.writeNumberField("rss", rss);
    g.writeNumberField("vms", 0);
    g.writeNumberField("nice", 0);
    g.writeNullField("status");
    g.writeNumberField("threads", threads);
  }
}
