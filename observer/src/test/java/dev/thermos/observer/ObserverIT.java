package dev.thermos.observer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermos.cli.Main;
import dev.thermos.observer.watch.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real observer (in-process {@link ObserverServer}) over a root whose tasks the real runner
 * ran, every endpoint checked against {@code status --json} and {@code read --json}; tasks are
 * started after the observer, so they must appear without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObserverIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "TOP-SECRET-" + System.nanoTime();

  private Path root;
  private Path outside;
  private ObserverServer server;
  private Http http;
  private Process live;

  @BeforeAll
  void startObserverThenTasks(@TempDir Path dir) throws Exception {
    root = dir.resolve("root");
    Files.createDirectories(root);
    outside = dir.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    server = ObserverServer.start(ObserverOptions.forRoots(List.of(root)));
    http = new Http(server.port());
    assertTrue(server.watcher().awaitFirstScan(WAIT));
    Process done = RealRunner.start(root, "done", doneTask());
    assertTrue(done.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the finished task ran");
    live = RealRunner.start(root, "live", "{\"name\": \"live-name\", \"processes\": ["
        + "{\"name\": \"sleeper\", \"cmdline\": \"echo started; exec sleep 300\"}]}");
    Await.until("the live task RUNNING on the observer", WAIT, () -> {
      JsonNode t = probe("/api/v1/tasks/live");
      return t.path("processes").path("sleeper").path(0).path("state").asText()
          .equals("RUNNING");
    });
  }

  private String doneTask() {
    String secret = outside.resolve("secret.txt").toString();
    return "{\"name\": \"done-name\", \"processes\": ["
        + "{\"name\": \"hello\", \"cmdline\": \"echo 'hello <b>&amp;'; echo oops >&2;"
        + " echo inside > file.txt; mkdir sub; ln -s " + secret + " leak;"
        + " ln -s " + outside + " dirlink; ln -s .. up; mkfifo fifo\"},"
        + "{\"name\": \"evil\", \"cmdline\": \"rm -f .logs/evil/0/stderr; ln -s " + secret
        + " .logs/evil/0/stderr\"},"
        + "{\"name\": \"fail\", \"cmdline\": \"exit 3\"}],"
        // fail last: a failed task kills what still runs, and hello must end on its own
        + " \"constraints\": [{\"order\": [\"hello\", \"evil\", \"fail\"]}]}";
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (live != null) {
        cli("kill", "--root", root.toString(), "live");
        if (!live.waitFor(30, TimeUnit.SECONDS)) {
          live.destroyForcibly();
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The JSON at {@code path}, or a missing node while it is not there (for waiting). */
  private JsonNode probe(String path) {
    try {
      Http.Answer a = http.get(path);
      return a.status() == 200 ? JSON.readTree(a.body()) : JSON.missingNode();
    } catch (Exception e) {
      return JSON.missingNode();
    }
  }

  private JsonNode get(String path) throws Exception {
    Http.Answer a = http.get(path);
    assertEquals(200, a.status(), path + ": " + a.text());
    assertTrue(a.contentType().startsWith("application/json"), a.contentType());
    return JSON.readTree(a.body());
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return out.toString();
  }

  private Map<String, JsonNode> statusJson() throws Exception {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode row : JSON.readTree(cli("status", "--root", root.toString(), "--json"))) {
      byId.put(row.path("task_id").asText(), row);
    }
    return byId;
  }

  private JsonNode readJson(String taskId) throws Exception {
    return JSON.readTree(cli("read", "--json",
        root.resolve("checkpoints").resolve(taskId).resolve("runner").toString()));
  }

  @Test
  void theTaskListIsStatusJsonNewestFirst() throws Exception {
    Map<String, JsonNode> status = statusJson();
    JsonNode page = get("/api/v1/tasks");
    assertEquals(2, page.path("total").asInt());
    assertEquals(0, page.path("offset").asInt());
    assertEquals(50, page.path("limit").asInt());
    assertEquals("live", page.path("tasks").path(0).path("task_id").asText(), "newest first");
    for (JsonNode row : page.path("tasks")) {
      assertEquals(status.get(row.path("task_id").asText()), row, "as status --json has it");
    }
    JsonNode finished = get("/api/v1/tasks?state=finished&limit=1");
    assertEquals(1, finished.path("total").asInt());
    assertEquals(status.get("done"), finished.path("tasks").path(0));
    assertEquals(List.of("live"), ids(get("/api/v1/tasks?state=active")));
    assertEquals(List.of("done"), ids(get("/api/v1/tasks?q=don")));
    assertEquals(List.of("done"), ids(get("/api/v1/tasks?offset=1&limit=5")));
    assertEquals(400, http.get("/api/v1/tasks?state=bogus").status());
    assertEquals(400, http.get("/api/v1/tasks?limit=x").status());
  }

  private static List<String> ids(JsonNode page) {
    return page.path("tasks").findValuesAsText("task_id");
  }

  @Test
  void oneTaskIsReadJsonWithLivenessAndTheStoredTask() throws Exception {
    for (String id : List.of("done", "live")) {
      JsonNode task = get("/api/v1/tasks/" + id);
      JsonNode read = readJson(id);
      assertEquals(read.path("header"), task.path("header"), id);
      assertEquals(read.path("statuses"), task.path("statuses"), id);
      assertEquals(read.path("processes"), task.path("processes"), id);
      JsonNode row = statusJson().get(id);
      assertEquals(row.path("state"), task.path("state"));
      assertEquals(row.path("active"), task.path("active"));
      assertEquals(row.path("runner"), task.path("runner"));
      assertEquals(row.path("runner_pid"), task.path("runner_pid"));
      assertEquals(id + "-name", task.path("task").path("name").asText(), "the stored task");
      assertTrue(task.path("resources").isObject());
    }
    assertEquals("alive", get("/api/v1/tasks/live").path("runner").asText());
    assertTrue(get("/api/v1/tasks/done").path("runner").isMissingNode(), "finished: no runner");
    Http.Answer unknown = http.get("/api/v1/tasks/nope");
    assertEquals(404, unknown.status());
    assertTrue(JSON.readTree(unknown.body()).path("error").isTextual());
  }

  @Test
  void auroraTaskIdsAndCountsAreAurorasShapes() throws Exception {
    JsonNode count = get("/j/task_id_count");
    assertEquals(JSON.readTree("{\"active\": 1, \"finished\": 1, \"all\": 2}"), count);
    JsonNode all = get("/j/task_ids");
    assertEquals("all", all.path("type").asText());
    assertEquals(0, all.path("offset").asInt());
    assertEquals(20, all.path("num").asInt());
    assertEquals(2, all.path("task_count").asInt());
    JsonNode row = get("/j/task_ids/finished/0/5").path("tasks").path(0);
    JsonNode read = readJson("done");
    assertEquals("done", row.path("task_id").asText());
    assertEquals("done-name", row.path("name").asText());
    assertEquals(read.path("header").path("user"), row.path("role"));
    assertEquals(read.path("statuses").path(0).path("timestamp_ms").asLong() / 1000,
        row.path("launch_timestamp").asLong());
    assertEquals("FAILED", row.path("state").asText());
    for (String key : List.of("ports", "cpu", "ram", "user", "system", "rss", "vms", "nice",
        "status", "threads", "disk", "state_timestamp")) {
      assertTrue(row.has(key), key);
    }
    assertEquals(List.of("live"), get("/j/task_ids/active").path("tasks").findValuesAsText("task_id"));
    assertEquals(List.of("done"), get("/j/task_ids/all/-1").path("tasks").findValuesAsText("task_id"),
        "a negative offset counts from the end");
    assertEquals(404, http.get("/j/task_ids/bogus").status());
  }

  @Test
  void auroraTaskAndProcessesFollowTheStream() throws Exception {
    JsonNode tasks = get("/j/task?task_id=done,nope");
    assertEquals(JSON.createObjectNode(), tasks.path("nope"), "unknown: {}");
    JsonNode done = tasks.path("done");
    assertEquals("FAILED", done.path("state").asText());
    assertEquals(List.of("fail"), JSON.convertValue(done.path("processes").path("failed"),
        List.class));
    assertEquals("done-name", done.path("task").path("name").asText());
    assertEquals(done, get("/j/task/done").path("done"));
    JsonNode fail = get("/j/process/done/fail");
    assertEquals("FAILED", fail.path("state").asText());
    assertEquals(3, fail.path("return_code").asInt());
    assertEquals(readJson("done").path("processes").path("fail").path(0).path("stop_time"),
        fail.path("stop_time"));
    JsonNode hello = get("/j/process/done/hello/0");
    assertEquals("SUCCESS", hello.path("state").asText(), hello.toString());
    assertFalse(hello.has("return_code"), "0 is omitted, as Aurora omits falsy fields");
    assertEquals(hello, get("/j/process/done/hello/-1"));
    assertEquals(JSON.createObjectNode(), get("/j/process/done/hello/5"));
    assertEquals(JSON.createObjectNode(), get("/j/process/done/nope"));
    JsonNode sleeper = get("/j/process/live/sleeper");
    assertEquals("RUNNING", sleeper.path("state").asText());
    assertTrue(sleeper.path("used").has("cpu"), "a running process has a sample");
    JsonNode processes = get("/j/processes?task_id=done,live");
    assertEquals(fail, processes.path("done").path("fail"));
    assertEquals("RUNNING", processes.path("live").path("sleeper").path("state").asText());
  }

  @Test
  void logsAndSandboxFilesAreServedAsAuroraChunks() throws Exception {
    Path sandbox = Path.of(readJson("done").path("header").path("sandbox").asText());
    byte[] stdout = Files.readAllBytes(sandbox.resolve(".logs/hello/0/stdout"));
    JsonNode chunk = get("/logdata/done/hello/0/stdout?offset=0");
    assertEquals(0, chunk.path("offset").asInt());
    assertEquals(stdout.length, chunk.path("length").asInt());
    assertEquals("hello &lt;b&gt;&amp;amp;\n", chunk.path("data").asText(), "XML-escaped");
    assertEquals(JSON.readTree("{\"offset\": " + stdout.length + ", \"length\": 0}"),
        get("/logdata/done/hello/0/stdout"), "no offset: the end of the file");
    assertEquals("hel", get("/logdata/done/hello/0/stdout?offset=0&length=3").path("data")
        .asText());
    assertEquals("oops\n", get("/logdata/done/hello/0/stderr?offset=0").path("data").asText());
    assertEquals(JSON.createObjectNode(), get("/logdata/done/hello/0/stdout?offset=x"));
    assertEquals("inside\n", get("/filedata/done/file.txt?offset=0").path("data").asText());
    Http.Answer download = http.get("/download/done/file.txt");
    assertEquals(200, download.status());
    assertEquals("application/octet-stream", download.contentType());
    assertArrayEquals(Files.readAllBytes(sandbox.resolve("file.txt")), download.body());
    assertEquals("started\n", get("/logdata/live/sleeper/0/stdout?offset=0").path("data")
        .asText());
  }

  private void assertRefused(int status, String path) throws Exception {
    Http.Answer a = http.get(path);
    assertEquals(status, a.status(), path + ": " + a.text());
    assertFalse(a.text().contains(SECRET), path + " leaked the outside file");
  }

  @Test
  void everyTraversalAndSymlinkAttackIsRefused() throws Exception {
    String abs = outside.resolve("secret.txt").toString();
    assertRefused(404, "/filedata/done/leak?offset=0");
    assertRefused(404, "/download/done/leak");
    assertRefused(404, "/filedata/done/dirlink/secret.txt?offset=0");
    assertRefused(404, "/download/done/dirlink/secret.txt");
    assertRefused(404, "/filedata/done/up/outside/secret.txt?offset=0");
    assertRefused(404, "/filedata/done/..%2F..%2F..%2Foutside%2Fsecret.txt?offset=0");
    assertRefused(404, "/download/done/..%2F..%2F..%2Foutside%2Fsecret.txt");
    assertRefused(404, "/filedata/done/sub/..%2F..%2F..%2F..%2Foutside%2Fsecret.txt?offset=0");
    assertRefused(404, "/filedata/done/" + abs.replace("/", "%2F") + "?offset=0");
    assertRefused(404, "/download/done/" + abs.replace("/", "%2F"));
    assertRefused(404, "/filedata/done/fifo?offset=0");
    assertRefused(404, "/download/done/fifo");
    assertRefused(404, "/filedata/done/sub?offset=0");
    assertRefused(404, "/logdata/done/evil/0/stderr?offset=0");
    assertRefused(404, "/logdata/done/hello/0/..%2F..%2F..%2F..%2F..%2Foutside%2Fsecret.txt");
    assertRefused(404, "/logdata/done/..%2F..%2F..%2Foutside/0/stdout");
    // Jetty refuses a path that climbs above "/" or has an encoded dot segment before routing.
    assertRefused(400, "/filedata/done/../../../../../../../../" + abs.substring(1));
    assertRefused(400, "/filedata/done/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt");
  }

  @Test
  void unknownTasksProcessesRunsAndLogTypesAre404() throws Exception {
    assertRefused(404, "/logdata/nope/hello/0/stdout");
    assertRefused(404, "/logdata/done/nope/0/stdout");
    assertRefused(404, "/logdata/done/hello/1/stdout");
    assertRefused(404, "/logdata/done/hello/-1/stdout");
    assertRefused(404, "/logdata/done/hello/x/stdout");
    assertRefused(404, "/logdata/done/hello/0/stdin");
    assertRefused(404, "/filedata/nope/file.txt");
    assertRefused(404, "/download/nope/file.txt");
    assertRefused(404, "/filedata/done/missing.txt");
  }

  @Test
  void theHealthCheckIsAurorasOk() throws Exception {
    Http.Answer a = http.get("/health");
    assertEquals(200, a.status());
    assertEquals("OK", a.text());
    ObjectNode none = JSON.createObjectNode();
    assertEquals(none, get("/j/processes?task_id=nope").path("nope"));
  }
}
