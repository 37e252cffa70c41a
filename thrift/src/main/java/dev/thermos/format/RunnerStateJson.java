package dev.thermos.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.TaskSideFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Renders a replayed state as JSON, in the shape of the golden {@code *.state.json} files:
 *
 * <pre>
 * {"header": {...}, "processes": {"name": [run, ...]}, "statuses": [...], "torn_at": offset}
 * </pre>
 *
 * Field names are the IDL's snake_case names, enums by name, unset fields omitted, runs and
 * statuses oldest first, struct keys in alphabetical order; {@code torn_at} only when the stream
 * ends in a partial record. Times are plain decimals ({@code 1764000000.5}, not {@code 1.7640000005E9});
 * a non-finite double, which only a damaged writer produces, is written as {@code null}.
 */
public final class RunnerStateJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private RunnerStateJson() {}

  /** Writes {@code state} to {@code out} as one line of JSON; does not close {@code out}. */
  public static void write(RunnerState state, OptionalLong tornAt, OutputStream out)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(state, tornAt, g);
    }
  }

  /** Writes {@code state} to {@code out} as one line of JSON; does not close {@code out}. */
  public static void write(RunnerState state, OptionalLong tornAt, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(state, tornAt, g);
    }
  }

  /**
   * As {@link #write(RunnerState, OptionalLong, Writer)}, with what the task's side files add: a
   * {@code "health"} object (process to the health of its latest run) and each stopped run's
   * {@code "stop_reason"}.
   */
  public static void write(RunnerState state, OptionalLong tornAt, TaskSideFiles side, Writer out)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(state, tornAt, side, g);
    }
  }

  private static void write(RunnerState state, OptionalLong tornAt, JsonGenerator g)
      throws IOException {
    write(state, tornAt, TaskSideFiles.NONE, g);
  }

  private static void write(RunnerState state, OptionalLong tornAt, TaskSideFiles side,
      JsonGenerator g) throws IOException {
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    if (state.isSetHeader()) {
      g.writeFieldName("header");
      writeHeader(g, state.getHeader());
    }
    if (!side.health().isEmpty() && state.isSetProcesses()) {
      writeHealth(g, state, side);
    }
    g.writeObjectFieldStart("processes");
    if (state.isSetProcesses()) {
      for (Map.Entry<String, List<ProcessStatus>> e : state.getProcesses().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (int k = 0; k < e.getValue().size(); k++) {
          writeRun(g, e.getValue().get(k), side.stopReason(e.getKey(), k));
        }
        g.writeEndArray();
      }
    }
    g.writeEndObject();
    g.writeArrayFieldStart("statuses");
    if (state.isSetStatuses()) {
      for (TaskStatus s : state.getStatuses()) {
        writeTaskStatus(g, s);
      }
    }
    g.writeEndArray();
    if (tornAt.isPresent()) {
      g.writeNumberField("torn_at", tornAt.getAsLong());
    }
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Writes the header object (keys sorted). */
  public static void writeHeader(JsonGenerator g, RunnerHeader h) throws IOException {
    g.writeStartObject();
    if (h.isSetHostname()) {
      g.writeStringField("hostname", h.getHostname());
    }
    if (h.isSetLaunchTimeMs()) {
      g.writeNumberField("launch_time_ms", h.getLaunchTimeMs());
    }
    if (h.isSetLogDir()) {
      g.writeStringField("log_dir", h.getLogDir());
    }
    if (h.isSetPorts()) {
      g.writeObjectFieldStart("ports");
      for (Map.Entry<String, Long> p : new TreeMap<>(h.getPorts()).entrySet()) {
        g.writeNumberField(p.getKey(), p.getValue());
      }
      g.writeEndObject();
    }
    if (h.isSetSandbox()) {
      g.writeStringField("sandbox", h.getSandbox());
    }
    if (h.isSetTaskId()) {
      g.writeStringField("task_id", h.getTaskId());
    }
    if (h.isSetUid()) {
      g.writeNumberField("uid", h.getUid());
    }
    if (h.isSetUser()) {
      g.writeStringField("user", h.getUser());
    }
    g.writeEndObject();
  }

  /** The health of each process whose running latest run it is about, keys sorted; if any. */
  private static void writeHealth(JsonGenerator g, RunnerState state, TaskSideFiles side)
      throws IOException {
    Map<String, TaskSideFiles.Health> current = new java.util.TreeMap<>();
    state.getProcesses().forEach((p, runs) -> {
      TaskSideFiles.Health h = side.currentHealth(p, runs);
      if (h != null) {
        current.put(p, h);
      }
    });
    if (current.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("health");
    for (Map.Entry<String, TaskSideFiles.Health> e : current.entrySet()) {
      g.writeFieldName(e.getKey());
      writeHealth(g, e.getValue());
    }
    g.writeEndObject();
  }

  /** One process's health: {"checked", "detail", "failures", "health", "run"}. */
  public static void writeHealth(JsonGenerator g, TaskSideFiles.Health h) throws IOException {
    g.writeStartObject();
    writeTime(g, "checked", h.checkedSecs());
    g.writeStringField("detail", h.detail());
    g.writeNumberField("failures", h.failures());
    g.writeStringField("health", h.health());
    g.writeNumberField("run", h.run());
    g.writeEndObject();
  }

  /** Writes one process run (keys sorted). */
  public static void writeRun(JsonGenerator g, ProcessStatus r) throws IOException {
    writeRun(g, r, null);
  }

  /** As above, with why the run was stopped ({@code "timeout"}, ...; null: not said). */
  public static void writeRun(JsonGenerator g, ProcessStatus r, String stopReason)
      throws IOException {
    g.writeStartObject();
    if (r.isSetCoordinatorPid()) {
      g.writeNumberField("coordinator_pid", r.getCoordinatorPid());
    }
    if (r.isSetForkTime()) {
      writeTime(g, "fork_time", r.getForkTime());
    }
    if (r.isSetPid()) {
      g.writeNumberField("pid", r.getPid());
    }
    if (r.isSetProcess()) {
      g.writeStringField("process", r.getProcess());
    }
    if (r.isSetReturnCode()) {
      g.writeNumberField("return_code", r.getReturnCode());
    }
    if (r.isSetSeq()) {
      g.writeNumberField("seq", r.getSeq());
    }
    if (r.isSetStartTime()) {
      writeTime(g, "start_time", r.getStartTime());
    }
    if (r.isSetState()) {
      g.writeStringField("state", r.getState().name());
    }
    if (stopReason != null) {
      g.writeStringField("stop_reason", stopReason);
    }
    if (r.isSetStopTime()) {
      writeTime(g, "stop_time", r.getStopTime());
    }
    g.writeEndObject();
  }

  /** Writes one task status (keys sorted). */
  public static void writeTaskStatus(JsonGenerator g, TaskStatus s) throws IOException {
    g.writeStartObject();
    if (s.isSetRunnerPid()) {
      g.writeNumberField("runner_pid", s.getRunnerPid());
    }
    if (s.isSetRunnerUid()) {
      g.writeNumberField("runner_uid", s.getRunnerUid());
    }
    if (s.isSetState()) {
      g.writeStringField("state", s.getState().name());
    }
    if (s.isSetTimestampMs()) {
      g.writeNumberField("timestamp_ms", s.getTimestampMs());
    }
    g.writeEndObject();
  }

  private static void writeTime(JsonGenerator g, String name, double seconds) throws IOException {
    g.writeFieldName(name);
    if (Double.isFinite(seconds)) {
      g.writeNumber(plainDecimal(seconds));
    } else {
      g.writeNull();
    }
  }

  /**
   * The shortest decimal that reads back as {@code d} (Java's {@link Double#toString} digits),
   * without an exponent, keeping ".0" on whole numbers as Python does.
   */
  public static String plainDecimal(double d) {
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    boolean negative = s.charAt(0) == '-';
    String mantissa = s.substring(negative ? 1 : 0, e);
    int exponent = Integer.parseInt(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exponent;
    StringBuilder out = new StringBuilder(digits.length() + Math.abs(exponent) + 3);
    if (negative) {
      out.append('-');
    }
    if (point <= 0) {
      out.append("0.");
      out.append("0".repeat(-point));
      out.append(digits);
    } else if (point >= digits.length()) {
      out.append(digits);
      out.append("0".repeat(point - digits.length()));
      out.append(".0");
    } else {
      out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return stripTrailingZeros(out);
  }

  private static String stripTrailingZeros(StringBuilder s) {
    int dot = s.indexOf(".");
    int end = s.length();
    while (end > dot + 2 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }
}
