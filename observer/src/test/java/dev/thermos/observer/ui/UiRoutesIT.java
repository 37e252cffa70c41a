package dev.thermos.observer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page routes and the static assets over HTTP: statuses, headers, and nothing external. */
class UiRoutesIT {
  private static final Path ASSETS = Path.of("src/main/resources/dev/thermos/observer/ui/static");
  /** A script, style, font or image fetched from another host. */
  private static final Pattern EXTERNAL = Pattern.compile(
      "(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(\\s*[\"']?(https?:)?//|@import|from\\s+[\"'](https?:)?//");

  private static Javalin app;
  private static String base;

  @BeforeAll
  static void start() {
    TaskLookup tasks = new TaskLookup() {
      @Override
      public boolean exists(String taskId) {
        return taskId.equals("known") || taskId.equals("we<ird>");
      }

      @Override
      public Optional<Path> sandbox(String taskId) {
        return Optional.empty();
      }
    };
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      new UiRoutes(tasks).register(config);
    }).start();
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void pagesOfKnownTasksAre200AndOfUnknownOnes404SayingNotFound() throws IOException {
    for (String page : List.of("/", "/task/known", "/task/we%3Cird%3E", "/process/known/p",
        "/logs/known/p/0/stdout", "/logs/known/p/3/stderr", "/browse/known", "/browse/known/a/b",
        "/file/known/a/b.txt")) {
      HttpResponse<String> r = HttpGet.get(base, page);
      assertEquals(200, r.statusCode(), page);
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"), page);
      assertFalse(r.body().contains("Not found"), page);
    }
    for (String page : List.of("/task/unknown", "/process/unknown/p", "/logs/unknown/p/0/stdout",
        "/logs/known/p/0/stdlog", "/logs/known/p/x/stdout", "/browse/unknown", "/file/unknown/a")) {
      HttpResponse<String> r = HttpGet.get(base, page);
      assertEquals(404, r.statusCode(), page);
      assertTrue(r.body().contains("<h1>Not found</h1>"), page);
    }
  }

  @Test
  void pagesAreShellsWithoutTaskDataAndOnlyRunScriptsOfThisServer() throws IOException {
    HttpResponse<String> r = HttpGet.get(base, "/task/we%3Cird%3E");
    assertFalse(r.body().contains("we<ird>") || r.body().contains("we&lt;ird"), r.body());
    String csp = r.headers().firstValue("content-security-policy").orElse("");
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertTrue(r.body().contains("<script type=\"module\" src=\"/static/task.js\"></script>"));
    assertTrue(r.body().contains("/static/vendor/uplot/dist/uPlot.iife.min.js"));
    assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""));
  }

  @Test
  void everyAssetIsServedFromTheJarAndNoneReferencesAnotherHost() throws IOException {
    List<Path> assets;
    try (Stream<Path> files = Files.list(ASSETS)) {
      assets = files.sorted().toList();
    }
    assertTrue(assets.size() >= 10, assets.toString());
    for (Path asset : assets) {
      String text = Files.readString(asset);
      assertFalse(EXTERNAL.matcher(text).find(), asset + " fetches from another host");
      HttpResponse<String> r = HttpGet.get(base, "/static/" + asset.getFileName());
      assertEquals(200, r.statusCode(), asset.toString());
      assertEquals(text, r.body(), asset.toString());
    }
    for (String vendor : List.of("dist/uPlot.iife.min.js", "dist/uPlot.min.css")) {
      HttpResponse<String> r = HttpGet.get(base, "/static/vendor/uplot/" + vendor);
      assertEquals(200, r.statusCode(), vendor);
      assertTrue(r.body().length() > 1000, vendor);
    }
    assertEquals(404, HttpGet.get(base, "/static/nothing.js").statusCode());
  }
}
