package dev.thermos.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.cli.Main;
import dev.thermos.observer.watch.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observer's history and event stream over tasks the real runner runs: a task started after
 * the observer arrives on the stream; a restarted observer still has the history from before and
 * a client resuming by {@code Last-Event-ID} gets exactly the transitions it missed.
 */
class ObserverHistoryIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUICK = "{\"name\": \"quick\", \"processes\": ["
      + "{\"name\": \"hello\", \"cmdline\": \"echo hello\"}]}";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Process> tasks = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    if (!tasks.isEmpty()) {
      Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
          "kill", "--root", root().toString(), "sampled");
    }
    for (Process p : tasks) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Path root() throws Exception {
    return Files.createDirectories(dir.resolve("root"));
  }

  private ObserverServer startObserver() throws Exception {
    ObserverServer server = ObserverServer.start(new ObserverOptions(List.of(root()), "127.0.0.1",
        0, dir.resolve("history"), null, Duration.ofSeconds(1)));
    open.add(server);
    assertTrue(server.watcher().awaitFirstScan(WAIT));
    return server;
  }

  private SseClient connect(ObserverServer server, String lastEventId) throws Exception {
    SseClient client = SseClient.connect(server.port(), lastEventId);
    open.add(client);
    return client;
  }

  private void run(String id, String taskJson) throws Exception {
    Process p = RealRunner.start(root(), id, taskJson);
    tasks.add(p);
    assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), id + " ran");
  }

  private static JsonNode data(SseClient.Event e) throws Exception {
    return JSON.readTree(e.data());
  }

  private static boolean ended(SseClient client, String taskId) {
    return client.events.stream().anyMatch(e -> e.data().contains("\"task_id\":\"" + taskId + "\"")
        && e.data().contains("\"state\":\"SUCCESS\"") && !e.data().contains("\"process\""));
  }

  private static JsonNode history(ObserverServer server, String query) throws Exception {
    Http.Answer a = new Http(server.port()).get(query);
    assertEquals(200, a.status(), a.text());
    return JSON.readTree(a.body());
  }

  /** The first sample of three threads (bash and its two sleeps), or null. */
  private static JsonNode whole(JsonNode samples) {
    for (JsonNode s : samples) {
      if (s.path("threads").asInt() == 3) {
        return s;
      }
    }
    return null;
  }

  /** The JSON at {@code path}, or a missing node while it is not there (for waits). */
  private static JsonNode probe(ObserverServer server, String path) {
    try {
      Http.Answer a = new Http(server.port()).get(path);
      return a.status() == 200 ? JSON.readTree(a.body()) : JSON.missingNode();
    } catch (Exception e) {
      return JSON.missingNode();
    }
  }

  private static List<String> ids(JsonNode transitions) {
    List<String> out = new ArrayList<>();
    transitions.forEach(t -> out.add(t.path("id").asText()));
    return out;
  }

  @Test
  void aTaskStartedAfterTheObserverArrivesOnTheEventStream() throws Exception {
    ObserverServer server = startObserver();
    SseClient client = connect(server, null);
    Await.until("the client connected", WAIT, () -> server.history().eventClients() == 1);
    run("later", QUICK);
    Await.until("the task's end on the stream", WAIT, () -> ended(client, "later"),
        () -> client.events.toString());
    SseClient.Event first = client.events.get(0);
    assertEquals("transition", first.event());
    assertEquals("later", data(first).path("task_id").asText());
    JsonNode hello = client.events.stream().map(e -> {
      try {
        return data(e);
      } catch (Exception x) {
        throw new IllegalStateException(x);
      }
    }).filter(d -> d.path("process").asText().equals("hello")
        && d.path("state").asText().equals("SUCCESS")).findFirst().orElseThrow();
    assertEquals(0, hello.path("run").asInt());
    assertEquals(ids(history(server, "/api/v1/tasks/later/history").path("transitions")),
        client.events.stream().map(SseClient.Event::id).toList());
    Http http = new Http(server.port());
    assertEquals(404, http.get("/api/v1/tasks/nobody/history").status());
    assertEquals(400, http.get("/api/v1/tasks/later/history?from=yesterday").status());
    assertEquals(0, history(server, "/api/v1/tasks/later/history?to=1000").path("transitions")
        .size());
  }

  @Test
  void aRestartKeepsTheHistoryAndResumingByLastEventIdGetsExactlyWhatWasMissed() throws Exception {
    double start = System.currentTimeMillis() / 1000.0 - 1;
    ObserverServer first = startObserver();
    SseClient before = connect(first, null);
    Await.until("the client connected", WAIT, () -> first.history().eventClients() == 1);
    run("before", QUICK);
    Await.until("the first task's end on the stream", WAIT, () -> ended(before, "before"));
    String lastSeen = before.events.get(before.events.size() - 1).id();
    double end = System.currentTimeMillis() / 1000.0 + 1;
    JsonNode kept = history(first, "/api/v1/tasks/before/history?from=" + start + "&to=" + end);
    assertFalse(kept.path("transitions").isEmpty());
    before.close();
    first.close();

    run("missed", QUICK); // while no observer runs
    ObserverServer second = startObserver();
    assertEquals(kept, history(second,
        "/api/v1/tasks/before/history?from=" + start + "&to=" + end));
    SseClient resumed = connect(second, lastSeen);
    Await.until("the missed task's end on the resumed stream", WAIT,
        () -> ended(resumed, "missed"), () -> resumed.events.toString());
    List<String> missed = ids(history(second, "/api/v1/tasks/missed/history").path("transitions"));
    Await.until("every missed transition", WAIT, () -> resumed.events.size() >= missed.size());
    assertEquals(missed, resumed.events.stream().map(SseClient.Event::id).toList());
    for (SseClient.Event e : resumed.events) {
      assertEquals("missed", data(e).path("task_id").asText(), e.toString());
    }
  }

  @Test
  void aRunningProcessIsSampledIntoTheHistoryTheTaskAndTheMetrics() throws Exception {
    ObserverServer server = startObserver();
    Process runner = RealRunner.start(root(), "sampled", "{\"name\": \"sampled\", \"processes\": ["
        + "{\"name\": \"sleeper\", \"cmdline\": \"sleep 300 & sleep 300; wait\"}]}");
    tasks.add(runner);
    // The first samples may come before bash started both sleeps: wait for the whole tree.
    Await.until("a sample of the whole tree in the history", WAIT,
        () -> whole(probe(server, "/api/v1/tasks/sampled/history").path("samples")) != null);
    JsonNode sample = whole(history(server, "/api/v1/tasks/sampled/history").path("samples"));
    assertEquals("sleeper", sample.path("process").asText());
    assertEquals(0, sample.path("run").asInt());
    assertTrue(sample.path("rss").asLong() > 0, sample.toString());
    JsonNode task = history(server, "/api/v1/tasks/sampled");
    assertEquals(3, task.path("resources").path("sleeper").path("threads").asInt(), task.toString());
    String metrics = new Http(server.port()).get("/metrics").text();
    assertTrue(metrics.contains("thermos_process_threads{process=\"sleeper\",task_id=\"sampled\"} 3.0"),
        metrics);
    assertTrue(metrics.contains("thermos_tasks{state=\"active\"} 1.0"), metrics);
  }
}
