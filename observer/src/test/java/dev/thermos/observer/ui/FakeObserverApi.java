package dev.thermos.observer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agreed JSON contract played from memory, for testing the pages alone: {@code /api/v1/tasks},
 * {@code /api/v1/tasks/{id}}, {@code .../history}, {@code /api/v1/events} and {@code /logdata}.
 * Tests add tasks and transitions; each transition updates the task and goes out on the stream.
 */
final class FakeObserverApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
  private final Map<String, ArrayNode> samples = new ConcurrentHashMap<>();
  private final Map<String, StringBuilder> logs = new ConcurrentHashMap<>();
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final AtomicLong cursor = new AtomicLong(1000);

  /** Whether a task with this id was added. */
  TaskLookup lookup() {
    return new TaskLookup() {
      @Override
      public boolean exists(String taskId) {
        return tasks.containsKey(taskId);
      }

      @Override
      public Optional<Path> sandbox(String taskId) {
        return Optional.empty();
      }
    };
  }

  int clients() {
    return clients.size();
  }

  void register(JavalinConfig config) {
    config.routes.get("/api/v1/tasks", this::list);
    config.routes.get("/api/v1/tasks/{id}", ctx -> {
      ObjectNode task = tasks.get(ctx.pathParam("id"));
      send(ctx, task == null ? 404 : 200, task == null ? error("unknown task") : task);
    });
    config.routes.get("/api/v1/tasks/{id}/history", ctx -> {
      ObjectNode h = JSON.createObjectNode().put("task_id", ctx.pathParam("id"));
      h.putArray("transitions");
      h.set("samples", samples.getOrDefault(ctx.pathParam("id"), JSON.createArrayNode()));
      h.putArray("disk");
      send(ctx, tasks.containsKey(ctx.pathParam("id")) ? 200 : 404, h);
    });
    config.routes.get("/logdata/{id}/{process}/{run}/{type}", this::logdata);
    config.routes.sse("/api/v1/events", client -> {
      client.keepAlive();
      client.onClose(() -> clients.remove(client));
      clients.add(client);
    });
  }

  /** A task with the given processes (none run yet) and ordering constraints. */
  synchronized ObjectNode addTask(String id, boolean active, long launchMs, List<String> processes,
      List<List<String>> order) {
    ObjectNode t = JSON.createObjectNode().put("task_id", id).put("state", active ? "ACTIVE" : "SUCCESS")
        .put("active", active).put("runner", active ? "alive" : null).put("runner_pid", 4242);
    t.putObject("header").put("task_id", id).put("launch_time_ms", launchMs).put("user", "root")
        .put("hostname", "localhost").put("sandbox", "/sandbox/" + id)
        .putObject("ports").put("http", 8080);
    t.putArray("statuses").addObject().put("state", "ACTIVE").put("timestamp_ms", launchMs);
    ObjectNode procs = t.putObject("processes");
    ObjectNode config = t.putObject("task").put("name", id);
    ArrayNode list = config.putArray("processes");
    for (String p : processes) {
      procs.putArray(p);
      list.addObject().put("name", p).put("cmdline", "echo " + p).put("final", false);
    }
    ArrayNode constraints = config.putArray("constraints");
    for (List<String> o : order) {
      ArrayNode a = constraints.addObject().putArray("order");
      o.forEach(a::add);
    }
    t.putObject("resources");
    tasks.put(id, t);
    return t;
  }

  /** A process transition: a new run at WAITING, else the last run's state; then the event. */
  synchronized void transition(String id, String process, String state, double time, Integer rc) {
    ObjectNode t = tasks.get(id);
    ArrayNode runs = (ArrayNode) t.get("processes").get(process);
    ObjectNode run = state.equals("WAITING") || runs.isEmpty() ? runs.addObject()
        : (ObjectNode) runs.get(runs.size() - 1);
    run.put("process", process).put("state", state).put("seq", cursor.get());
    switch (state) {
      case "FORKED" -> run.put("fork_time", time).put("coordinator_pid", 100);
      case "RUNNING" -> run.put("start_time", time).put("pid", 101);
      case "SUCCESS", "FAILED", "KILLED" -> {
        run.put("stop_time", time);
        if (rc != null) {
          run.put("return_code", rc);
        }
      }
      default -> { }
    }
    ObjectNode event = JSON.createObjectNode().put("task_id", id).put("process", process)
        .put("run", runs.size() - 1).put("state", state).put("timestamp", time);
    if (rc != null) {
      event.put("return_code", rc);
    }
    publish(event);
  }

  /** Run {@code run} of {@code process} of task {@code id}, to add fields to (health, stop_reason). */
  synchronized ObjectNode run(String id, String process, int run) {
    return (ObjectNode) tasks.get(id).get("processes").get(process).get(run);
  }

  /** The task's own state changes (FINALIZING, SUCCESS...); terminal ones make it finished. */
  synchronized void taskState(String id, String state, double time, boolean active) {
    ObjectNode t = tasks.get(id);
    t.put("state", state).put("active", active);
    ((ArrayNode) t.get("statuses")).addObject().put("state", state).put("timestamp_ms", (long) (time * 1000));
    publish(JSON.createObjectNode().put("task_id", id).put("state", state).put("timestamp", time));
  }

  void sample(String id, String process, double time, double cpu, long rss) {
    samples.computeIfAbsent(id, k -> JSON.createArrayNode()).addObject().put("timestamp", time)
        .put("process", process).put("run", 0).put("cpu", cpu).put("rss", rss).put("threads", 1);
    ((ObjectNode) tasks.get(id).get("resources")).putObject(process).put("timestamp", time)
        .put("cpu", cpu).put("rss", rss).put("threads", 1);
  }

  void appendLog(String id, String process, int run, String type, String text) {
    logs.computeIfAbsent(id + "/" + process + "/" + run + "/" + type, k -> new StringBuilder())
        .append(text);
  }

  private void publish(ObjectNode event) {
    String id = Long.toString(cursor.incrementAndGet());
    for (SseClient c : clients) {
      c.sendEvent("transition", event.toString(), id);
    }
  }

  private void list(Context ctx) {
    boolean active = "active".equals(ctx.queryParam("state"));
    String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
    int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"));
    int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("50"));
    List<ObjectNode> matching = new ArrayList<>();
    synchronized (this) {
      tasks.values().stream().filter(t -> t.get("active").asBoolean() == active)
          .filter(t -> t.get("task_id").asText().contains(q))
          .sorted(Comparator.comparingLong(
              (ObjectNode t) -> -t.get("header").get("launch_time_ms").asLong()))
          .forEach(t -> matching.add(row(t)));
    }
    ObjectNode page = JSON.createObjectNode().put("total", matching.size()).put("offset", offset)
        .put("limit", limit);
    ArrayNode rows = page.putArray("tasks");
    matching.stream().skip(offset).limit(limit).forEach(rows::add);
    send(ctx, 200, page);
  }

  private static ObjectNode row(ObjectNode t) {
    ObjectNode r = JSON.createObjectNode();
    for (String f : new String[] {"task_id", "state", "active", "runner", "runner_pid"}) {
      r.set(f, t.get(f));
    }
    JsonNode h = t.get("header");
    r.set("launch_time_ms", h.get("launch_time_ms"));
    r.set("user", h.get("user"));
    r.set("ports", h.get("ports"));
    r.set("sandbox", h.get("sandbox"));
    ObjectNode procs = r.putObject("processes");
    t.get("processes").fields().forEachRemaining(e -> {
      ObjectNode p = procs.putObject(e.getKey()).put("runs", e.getValue().size());
      if (e.getValue().size() > 0) {
        p.set("last", e.getValue().get(e.getValue().size() - 1));
      }
    });
    return r;
  }

  private void logdata(Context ctx) {
    String key = ctx.pathParam("id") + "/" + ctx.pathParam("process") + "/" + ctx.pathParam("run")
        + "/" + ctx.pathParam("type");
    byte[] all = logs.getOrDefault(key, new StringBuilder()).toString()
        .getBytes(StandardCharsets.UTF_8);
    long offset = Long.parseLong(Optional.ofNullable(ctx.queryParam("offset")).orElse("-1"));
    long length = Long.parseLong(Optional.ofNullable(ctx.queryParam("length")).orElse("-1"));
    int from = (int) (offset < 0 ? all.length : Math.min(offset, all.length));
    int to = (int) (length < 0 ? all.length : Math.min(all.length, from + length));
    ObjectNode chunk = JSON.createObjectNode().put("offset", from).put("length", to - from);
    if (to > from) {
      chunk.put("data", new String(all, from, to - from, StandardCharsets.UTF_8)
          .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }
    send(ctx, 200, chunk);
  }

  private static ObjectNode error(String why) {
    return JSON.createObjectNode().put("error", why);
  }

  private static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
