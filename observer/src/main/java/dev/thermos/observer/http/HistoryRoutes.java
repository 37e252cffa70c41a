package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.history.History;
import dev.thermos.observer.history.HistoryTransition;
import dev.thermos.observer.history.TaskHistory;
import dev.thermos.observer.watch.TaskIndex;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code GET /api/v1/tasks/{id}/history[?from=SECONDS&to=SECONDS]}: what the history keeps of a
 * task (all of it without a range): {@code {"task_id", "transitions": [...], "samples":
 * [{"timestamp", "process", "run", "cpu", "rss", "threads"}], "disk": [{"timestamp", "bytes"}]}}.
 * A task neither watched nor in the history is 404.
 */
public final class HistoryRoutes {
  private final History history;
  private final TaskIndex index;

  public HistoryRoutes(History history, TaskIndex index) {
    this.history = history;
    this.index = index;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/api/v1/tasks/{id}/history", this::history);
  }

  void history(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    Double from = seconds(ctx.queryParam("from"), Double.NEGATIVE_INFINITY);
    Double to = seconds(ctx.queryParam("to"), Double.POSITIVE_INFINITY);
    if (from == null || to == null) {
      JsonBody.error(ctx, 400, "from and to must be times in seconds since the epoch");
      return;
    }
    if (index.get(id) == null && !history.knows(id)) {
      JsonBody.error(ctx, 404, "unknown task " + id);
      return;
    }
    TaskHistory h = history.query(id, from, to);
    JsonBody.send(ctx, g -> write(g, h));
  }

  private static void write(JsonGenerator g, TaskHistory h) throws IOException {
    g.writeStartObject();
    g.writeStringField("task_id", h.taskId());
    g.writeArrayFieldStart("transitions");
    for (HistoryTransition t : h.transitions()) {
      TransitionJson.write(g, t, true);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("samples");
    for (ResourceSample s : h.samples()) {
      g.writeStartObject();
      g.writeNumberField("timestamp", s.timestamp());
      g.writeStringField("process", s.process());
      g.writeNumberField("run", s.run());
      g.writeNumberField("cpu", s.cpu());
      g.writeNumberField("rss", s.rssBytes());
      g.writeNumberField("threads", s.threads());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("disk");
    for (DiskSample d : h.disk()) {
      g.writeStartObject();
      g.writeNumberField("timestamp", d.timestamp());
      g.writeNumberField("bytes", d.bytes());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A time in seconds; {@code absent} when not given; null when not a finite number. */
  private static Double seconds(String value, double absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      double v = Double.parseDouble(value.trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
