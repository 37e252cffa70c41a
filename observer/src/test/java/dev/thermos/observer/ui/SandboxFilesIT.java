package dev.thermos.observer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/tasks/{id}/files[/path]} over HTTP: the listing, and every attack refused. */
class SandboxFilesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path sandbox;
  private Javalin app;
  private String base;

  @BeforeEach
  void start() throws IOException {
    sandbox = Files.createDirectories(dir.resolve("t1"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("outside-secret"), "top secret");
    Files.createDirectories(sandbox.resolve("data"));
    Files.writeString(sandbox.resolve("data/result.txt"), "42");
    Files.createSymbolicLink(sandbox.resolve("escape"), outside);
    TaskLookup tasks = new TaskLookup() {
      @Override
      public boolean exists(String taskId) {
        return taskId.equals("t1");
      }

      @Override
      public Optional<Path> sandbox(String taskId) {
        return exists(taskId) ? Optional.of(sandbox) : Optional.empty();
      }
    };
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      new SandboxFilesRoutes(tasks).register(config);
    }).start();
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void listsADirectoryOfTheSandbox() throws IOException {
    HttpResponse<String> top = HttpGet.get(base, "/api/v1/tasks/t1/files");
    assertEquals(200, top.statusCode());
    JsonNode body = JSON.readTree(top.body());
    assertEquals("t1", body.get("task_id").asText());
    assertEquals("", body.get("path").asText());
    assertEquals("data", body.get("entries").get(0).get("name").asText());
    assertEquals("directory", body.get("entries").get(0).get("type").asText());
    assertEquals("link", body.get("entries").get(1).get("type").asText());
    JsonNode data = JSON.readTree(HttpGet.get(base, "/api/v1/tasks/t1/files/data").body());
    assertEquals("data", data.get("path").asText());
    JsonNode file = data.get("entries").get(0);
    assertEquals("result.txt", file.get("name").asText());
    assertEquals("file", file.get("type").asText());
    assertEquals(2, file.get("size").asLong());
    assertTrue(file.get("mtime_ms").asLong() > 0);
  }

  @Test
  void everyWayOutIs404WithNothingOfWhatLiesOutside() throws IOException {
    for (String path : List.of("/api/v1/tasks/t1/files/escape", "/api/v1/tasks/t1/files/escape/",
        "/api/v1/tasks/t1/files/data/..%2F..%2Foutside", "/api/v1/tasks/t1/files/%2E%2E",
        "/api/v1/tasks/t1/files/data%2F%2E%2E%2F%2E%2E", "/api/v1/tasks/t1/files/%2Ftmp",
        "/api/v1/tasks/t1/files/data/result.txt", "/api/v1/tasks/t1/files/none",
        "/api/v1/tasks/t2/files", "/api/v1/tasks/t2/files/data")) {
      HttpResponse<String> r = HttpGet.get(base, path);
      assertEquals(404, r.statusCode(), path);
      assertTrue(JSON.readTree(r.body()).has("error"), path);
      assertFalse(r.body().contains("outside-secret"), path);
    }
    HttpResponse<String> dotted = HttpGet.get(base, "/api/v1/tasks/t1/files/data/../../../outside");
    assertEquals(404, dotted.statusCode());
    assertFalse(dotted.body().contains("outside-secret"));
  }
}
