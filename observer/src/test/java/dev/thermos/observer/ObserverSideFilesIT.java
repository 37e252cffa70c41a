package dev.thermos.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.observer.watch.Await;
import dev.thermos.observer.watch.TestRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side files of issue 10 ({@code health.json}, {@code stops.jsonl}), written by hand beside
 * a stream written record by record, as the real observer shows them in
 * {@code /api/v1/tasks/{id}} (and not in Aurora's {@code /j/*}), following their changes.
 */
class ObserverSideFilesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestRoot root;
  private ObserverServer server;
  private Http http;
  private Path checkpoint;

  @BeforeEach
  void start() throws Exception {
    root = new TestRoot(dir.resolve("root"));
    root.append("t", root.header("t", 1000), Records.task(TaskState.ACTIVE, 1000, 1, 0),
        Records.waiting("web", 0), Records.forked("web", 1, 1.0, 2),
        Records.running("web", 2, 1.0, 3),
        Records.ended("web", 3, ProcessState.FAILED, 5.0, 1),
        Records.waiting("web", 4), Records.forked("web", 5, 6.0, 2),
        Records.running("web", 6, 6.0, 3));
    root.taskFile("t", TaskFileState.ACTIVE);
    checkpoint = root.paths().checkpointDirectory("t");
    server = ObserverServer.start(ObserverOptions.forRoots(List.of(root.root())));
    http = new Http(server.port());
    assertTrue(server.watcher().awaitFirstScan(WAIT));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    root.close();
  }

  private JsonNode task() throws Exception {
    Http.Answer a = http.get("/api/v1/tasks/t");
    assertEquals(200, a.status(), a.text());
    return JSON.readTree(a.body());
  }

  private JsonNode probe() {
    try {
      return task();
    } catch (Exception | AssertionError e) {
      return JSON.missingNode();
    }
  }

  private void writeHealth(String json) throws Exception {
    Path tmp = checkpoint.resolve(".health.json.tmp");
    Files.writeString(tmp, json);
    Files.move(tmp, checkpoint.resolve("health.json"), StandardCopyOption.ATOMIC_MOVE);
  }

  private void appendStop(String process, int run, String reason) throws Exception {
    Files.writeString(checkpoint.resolve("stops.jsonl"), "{\"process\": \"" + process
        + "\", \"run\": " + run + ", \"reason\": \"" + reason
        + "\", \"step\": 0, \"signal\": \"INT\", \"at\": 1764650000.1}\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private String latestHealth(JsonNode task) {
    return task.path("processes").path("web").path(1).path("health").path("health").asText("");
  }

  @Test
  void healthAndStopReasonsShowOnTheRunsAndFollowEveryChange() throws Exception {
    assertTrue(task().path("processes").path("web").path(1).path("health").isMissingNode());
    writeHealth("{\"web\": {\"run\": 1, \"health\": \"starting\", \"failures\": 1,"
        + " \"checked\": 1764650000.125, \"detail\": \"connect refused\"}}");
    appendStop("web", 0, "timeout");
    Await.until("health and the stop reason shown", WAIT, () -> latestHealth(probe())
        .equals("starting"));
    Await.until("the stop reason shown", WAIT, () -> probe().path("processes").path("web")
        .path(0).path("stop_reason").asText("").equals("timeout"));
    JsonNode t = task();
    JsonNode web = t.path("processes").path("web");
    assertEquals("connect refused", web.path(1).path("health").path("detail").asText());
    assertTrue(web.path(0).path("health").isMissingNode(), "health only on the latest run");
    assertTrue(web.path(1).path("stop_reason").isMissingNode(), "run 1 was not stopped");
    assertEquals("FAILED", web.path(0).path("state").asText(), "the run as read --json has it");

    writeHealth("{\"web\": {\"run\": 1, \"health\": \"unhealthy\", \"failures\": 3}}");
    appendStop("web", 1, "unhealthy");
    Await.until("the new health", WAIT, () -> latestHealth(probe()).equals("unhealthy"));
    Await.until("the new stop reason", WAIT, () -> probe().path("processes").path("web")
        .path(1).path("stop_reason").asText("").equals("unhealthy"));

    writeHealth("{\"web\": {\"run\": 0, \"health\": \"healthy\"}}");
    Await.until("an entry for an older run is not shown", WAIT,
        () -> probe().path("processes").path("web").path(1).isObject()
            && probe().path("processes").path("web").path(1).path("health").isMissingNode());
  }

  @Test
  void auroraEndpointsStayAsTheyWere() throws Exception {
    writeHealth("{\"web\": {\"run\": 1, \"health\": \"healthy\"}}");
    appendStop("web", 0, "timeout");
    Await.until("the side files read", WAIT, () -> latestHealth(probe()).equals("healthy"));
    for (String path : List.of("/j/task/t", "/j/process/t/web", "/j/process/t/web/0",
        "/j/processes?task_id=t")) {
      String body = http.get(path).text();
      assertFalse(body.contains("health") || body.contains("stop_reason")
          || body.contains("timeout"), path + ": " + body);
    }
  }

  @Test
  void aLinkedOrOversizedSideFileIsRefusedAndThePageStillServed() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("h"), "{\"web\": {\"run\": 1, \"health\": \"healthy\"}}");
    Files.writeString(outside.resolve("s"), "{\"process\": \"web\", \"run\": 0,"
        + " \"reason\": \"timeout\"}\n");
    Files.createSymbolicLink(checkpoint.resolve("health.json"), outside.resolve("h"));
    Files.createSymbolicLink(checkpoint.resolve("stops.jsonl"), outside.resolve("s"));
    // a change of the stream after the links: once it shows, the links' events were handled too
    root.append("t", Records.ended("web", 7, ProcessState.SUCCESS, 9.0, 0));
    Await.until("the run's end shown", WAIT, () -> probe().path("processes").path("web")
        .path(1).path("state").asText("").equals("SUCCESS"));
    JsonNode web = task().path("processes").path("web");
    assertTrue(web.path(1).path("health").isMissingNode(), web.toString());
    assertTrue(web.path(0).path("stop_reason").isMissingNode(), web.toString());

    Files.delete(checkpoint.resolve("health.json"));
    byte[] big = new byte[(1 << 20) + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    byte[] entry = "{\"web\": {\"run\": 1, \"health\": \"healthy\"}}"
        .getBytes(StandardCharsets.UTF_8);
    System.arraycopy(entry, 0, big, 0, entry.length);
    Path tmp = checkpoint.resolve(".health.json.tmp");
    Files.write(tmp, big);
    Files.move(tmp, checkpoint.resolve("health.json"), StandardCopyOption.ATOMIC_MOVE);
    root.append("t", Records.task(TaskState.SUCCESS, 10_000, 1, 0));
    Await.until("the task's end shown", WAIT, () -> probe().path("state").asText("")
        .equals("SUCCESS"));
    assertTrue(task().path("processes").path("web").path(1).path("health").isMissingNode(),
        "over 1 MiB: not read");
  }
}
