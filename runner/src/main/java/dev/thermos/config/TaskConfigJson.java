package dev.thermos.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.planner.DependsOn;
import dev.thermos.planner.RestartBackoff;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a task in the shape of Aurora's {@code json.dumps(task.get())}, as stored in
 * {@code tasks/active/<task_id>}: one line, every field that has a value or a default, absent
 * {@code resources}, {@code logger} and {@code user} omitted, constraints as
 * {@code [{"order": [...]}]}. {@link TaskConfigLoader} reads it back to an equal task.
 */
public final class TaskConfigJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TaskConfigJson() {}

  /** The task as one line of JSON, without a trailing newline. */
  public static String toJson(TaskConfig task) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeTask(g, task);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void writeTask(JsonGenerator g, TaskConfig task) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", task.name());
    g.writeArrayFieldStart("processes");
    for (ProcessConfig p : task.processes()) {
      writeProcess(g, p);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("constraints");
    for (List<String> order : task.orderConstraints()) {
      g.writeStartObject();
      g.writeArrayFieldStart("order");
      for (String name : order) {
        g.writeString(name);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("max_failures", task.maxFailures());
    g.writeNumberField("max_concurrency", task.maxConcurrency());
    g.writeNumberField("finalization_wait", task.finalizationWaitSecs());
    writeResources(g, task.resources());
    if (task.user() != null) {
      g.writeStringField("user", task.user());
    }
    writeEnv(g, task.env());
    writeBackoff(g, task.restartBackoff());
    g.writeEndObject();
  }

  private static void writeProcess(JsonGenerator g, ProcessConfig p) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", p.name());
    g.writeStringField("cmdline", p.cmdline());
    g.writeNumberField("max_failures", p.maxFailures());
    g.writeBooleanField("daemon", p.daemon());
    g.writeBooleanField("ephemeral", p.ephemeral());
    g.writeNumberField("min_duration", p.minDurationSecs());
    g.writeBooleanField("final", p.isFinal());
    if (!p.shell()) {
      g.writeBooleanField("shell", false);  // only when set: Aurora's readers know no such field
    }
    if (p.logger() != null) {
      writeLogger(g, p.logger());
    }
    writeResources(g, p.resources());
    writeOptions(g, p.options());
    g.writeEndObject();
  }

  /** The fields beyond Aurora's, only those given: a task without them is written as before. */
  private static void writeOptions(JsonGenerator g, ProcessOptions o) throws IOException {
    writeEnv(g, o.env());
    if (o.workingDir() != null) {
      g.writeStringField("working_dir", o.workingDir());
    }
    if (!o.successCodes().isEmpty()) {
      g.writeArrayFieldStart("success_codes");
      for (int code : o.successCodes()) {
        g.writeNumber(code);
      }
      g.writeEndArray();
    }
    IdleScaling idle = o.idleScaling();
    if (idle != null) {
      g.writeObjectFieldStart("instances");
      g.writeNumberField("min", idle.min());
      g.writeNumberField("max", idle.max());
      g.writeNumberField("min_idle", idle.minIdle());
      g.writeNumberField("max_idle", idle.maxIdle());
      g.writeNumberField("interval", idle.intervalSecs());
      g.writeNumberField("count", idle.count());
      g.writeEndObject();
    } else if (o.instances() != 0) {
      g.writeNumberField("instances", o.instances());
    }
    writeBackoff(g, o.restartBackoff());
    if (!o.dependsOn().isEmpty()) {
      g.writeObjectFieldStart("depends_on");
      for (Map.Entry<String, DependsOn> e : o.dependsOn().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue().jsonName());
      }
      g.writeEndObject();
    }
    writeLifecycle(g, o.lifecycle());
  }

  private static void writeLifecycle(JsonGenerator g, Lifecycle l) throws IOException {
    if (l.maxRuntimeSecs() > 0) {
      g.writeNumberField("max_runtime", l.maxRuntimeSecs());
    }
    if (l.stopSignals() != null) {
      g.writeArrayFieldStart("stop_signals");
      for (StopSignal s : l.stopSignals()) {
        g.writeStartObject();
        g.writeStringField("signal", s.name());
        g.writeNumberField("wait", s.waitSecs());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    HealthCheck h = l.healthCheck();
    if (h != null) {
      g.writeObjectFieldStart("health_check");
      g.writeStringField(h.kind().jsonName(), h.target());
      g.writeNumberField("interval", h.intervalSecs());
      g.writeNumberField("timeout", h.timeoutSecs());
      g.writeNumberField("initial_delay", h.initialDelaySecs());
      g.writeNumberField("failures", h.failures());
      g.writeEndObject();
    }
  }

  private static void writeBackoff(JsonGenerator g, RestartBackoff b) throws IOException {
    if (b == null) {
      return;
    }
    g.writeObjectFieldStart("restart_backoff");
    g.writeNumberField("initial", b.initialSecs());
    g.writeNumberField("max", b.maxSecs());
    g.writeNumberField("multiplier", b.multiplier());
    g.writeNumberField("jitter", b.jitter());
    g.writeNumberField("reset_after", b.resetAfterSecs());
    g.writeEndObject();
  }

  private static void writeEnv(JsonGenerator g, Map<String, String> env) throws IOException {
    if (env.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("env");
    for (Map.Entry<String, String> e : env.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeLogger(JsonGenerator g, LoggerConfig logger) throws IOException {
    g.writeObjectFieldStart("logger");
    g.writeStringField("destination", logger.destination().jsonName());
    g.writeStringField("mode", logger.mode().jsonName());
    if (logger.rotate() != null) {
      g.writeObjectFieldStart("rotate");
      g.writeNumberField("log_size", logger.rotate().logSizeBytes());
      g.writeNumberField("backups", logger.rotate().backups());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeResources(JsonGenerator g, Resources r) throws IOException {
    if (r == null) {
      return;
    }
    g.writeObjectFieldStart("resources");
    g.writeNumberField("cpu", r.cpu());
    g.writeNumberField("ram", r.ramBytes());
    g.writeNumberField("disk", r.diskBytes());
    g.writeNumberField("gpu", r.gpu());
    g.writeEndObject();
  }
}
