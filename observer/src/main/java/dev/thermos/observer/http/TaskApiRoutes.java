package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.SideFacts;
import dev.thermos.observer.watch.TaskIndex;
import dev.thermos.observer.watch.TaskIndex.Page;
import dev.thermos.observer.watch.TaskIndex.Which;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Our versioned JSON: {@code GET /api/v1/tasks?state=&offset=&limit=&q=} (a page of rows, each as
 * {@code status --json} prints a task) and {@code GET /api/v1/tasks/{id}} (one task in full: its
 * replayed stream as {@code read --json}, runner liveness, stored task, latest samples).
 */
public final class TaskApiRoutes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TaskIndex index;
  private final LatestSamples samples;
  private final TaskRows rows;

  public TaskApiRoutes(TaskIndex index, LatestSamples samples) {
    this(index, samples, new RunnerLocks(System::currentTimeMillis, 1000));
  }

  TaskApiRoutes(TaskIndex index, LatestSamples samples, RunnerLocks locks) {
    this.index = index;
    this.samples = samples;
    this.rows = new TaskRows(locks);
  }

  public void register(JavalinConfig config) {
    config.routes.get("/api/v1/tasks", this::list);
    config.routes.get("/api/v1/tasks/{id}", this::task);
  }

  void list(Context ctx) throws IOException {
    String state = ctx.queryParam("state");
    Which which = state == null || state.isEmpty() ? Which.ALL : Which.parse(state);
    if (which == null || which == Which.ALL && state != null && !state.isEmpty()) {
      JsonBody.error(ctx, 400, "state must be active or finished, not '" + state + "'");
      return;
    }
    Integer offset = QueryNumbers.parse(ctx.queryParam("offset"), 0);
    Integer limit = QueryNumbers.parse(ctx.queryParam("limit"), DEFAULT_LIMIT);
    if (offset == null || offset < 0 || limit == null || limit < 0 || limit > MAX_LIMIT) {
      JsonBody.error(ctx, 400, "offset must be a number >= 0 and limit a number from 0 to "
          + MAX_LIMIT);
      return;
    }
    Page page = index.page(which, offset, limit, ctx.queryParam("q"));
    JsonBody.sendRendered(ctx, listBody(page, limit));
  }

  /**
   * {@code {"total":..,"offset":..,"limit":..,"tasks":[row,...]}} from the rendered rows, joined
   * as bytes (the rows are not parsed or encoded again).
   */
  private byte[] listBody(Page page, int limit) throws IOException {
    byte[] head = ("{\"total\":" + page.total() + ",\"offset\":" + page.offset() + ",\"limit\":"
        + limit + ",\"tasks\":[").getBytes(StandardCharsets.US_ASCII);
    List<byte[]> rendered = new ArrayList<>(page.tasks().size());
    int size = head.length + page.tasks().size() + 2;
    for (FollowedTask t : page.tasks()) {
      TaskSummary s = t.snapshot();
      if (s != null) {
        byte[] row = rows.row(t, s);
        rendered.add(row);
        size += row.length;
      }
    }
    ByteBuffer body = ByteBuffer.allocate(size);
    body.put(head);
    for (int i = 0; i < rendered.size(); i++) {
      if (i > 0) {
        body.put((byte) ',');
      }
      body.put(rendered.get(i));
    }
    body.put((byte) ']').put((byte) '}');
    return Arrays.copyOf(body.array(), body.position());
  }

  void task(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    FollowedTask t = index.get(id);
    TaskSummary s = t == null ? null : t.snapshot();
    if (s == null) {
      JsonBody.error(ctx, 404, "unknown task " + id);
      return;
    }
    JsonNode stored = StoredTaskJson.read(t);
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      g.writeStringField("task_id", s.taskId());
      g.writeStringField("state", s.taskState().name());
      g.writeBooleanField("active", s.active());
      if (s.active()) {
        OptionalInt holder = rows.holder(t, s);
        g.writeStringField("runner", holder.isPresent() ? "alive" : "dead");
        if (holder.isPresent()) {
          g.writeNumberField("runner_pid", holder.getAsInt());
        }
      }
      writeStream(g, s, t.sideFacts());
      if (stored != null) {
        g.writeFieldName("task");
        MAPPER.writeTree(g, stored);
      }
      writeSamples(g, s.taskId());
      g.writeEndObject();
    });
  }

  /**
   * header, statuses and processes exactly as {@code read --json} (with the side files' health and
   * stop reasons on the runs: {@link RunJson}); error and torn_at as status.
   */
  private static void writeStream(JsonGenerator g, TaskSummary s, SideFacts facts)
      throws IOException {
    RunnerState state = s.state();
    if (state.isSetHeader()) {
      g.writeFieldName("header");
      RunnerStateJson.writeHeader(g, state.getHeader());
    }
    g.writeArrayFieldStart("statuses");
    for (TaskStatus status : state.getStatuses()) {
      RunnerStateJson.writeTaskStatus(g, status);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("processes");
    for (Map.Entry<String, List<ProcessStatus>> e : state.getProcesses().entrySet()) {
      g.writeFieldName(e.getKey());
      RunJson.writeRuns(g, e.getKey(), e.getValue(), facts);
    }
    g.writeEndObject();
    if (s.error().isPresent()) {
      g.writeStringField("error", s.error().get());
    }
    if (s.tornAt().isPresent()) {
      g.writeNumberField("torn_at", s.tornAt().getAsLong());
    }
  }

  private void writeSamples(JsonGenerator g, String taskId) throws IOException {
    g.writeObjectFieldStart("resources");
    for (Map.Entry<String, ResourceSample> e : samples.resources(taskId).entrySet()) {
      ResourceSample r = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      AuroraTaskJson.writeTime(g, "timestamp", r.timestamp());
      g.writeNumberField("cpu", r.cpu());
      g.writeNumberField("rss", r.rssBytes());
      g.writeNumberField("threads", r.threads());
      g.writeEndObject();
    }
    g.writeEndObject();
    Optional<DiskSample> disk = samples.disk(taskId);
    if (disk.isPresent()) {
      g.writeObjectFieldStart("disk");
      AuroraTaskJson.writeTime(g, "timestamp", disk.get().timestamp());
      g.writeNumberField("bytes", disk.get().bytes());
      g.writeEndObject();
    }
  }
}
