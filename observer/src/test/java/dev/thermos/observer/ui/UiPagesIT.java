package dev.thermos.observer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages in Debian's chromium against the agreed JSON contract played by {@link FakeObserverApi}:
 * rendering, live updates from the event stream, log following, and task data shown as text.
 * (The pages over the real observer and the real runner: {@code ObserverBrowserIT}.)
 */
class UiPagesIT {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final double T0 = 1_764_000_000;

  @TempDir static Path profile;
  private static FakeObserverApi api;
  private static Javalin app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() {
    api = new FakeObserverApi();
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      api.register(config);
      new UiRoutes(api.lookup()).register(config);
    }).start();
    base = "http://127.0.0.1:" + app.port();
    browser = Chromium.start(profile);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      app.stop();
    }
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static void awaitStream() {
    Chromium.await(browser, DEADLINE, "the page's event stream",
        d -> d.findElement(By.id("live")).getText().startsWith("live"));
  }

  private static void markPage() {
    js("window.__notReloaded = true;");
  }

  private static void assertNotReloaded() {
    assertEquals(Boolean.TRUE, js("return window.__notReloaded === true;"), "the page reloaded");
  }

  @Test
  void indexListsTasksAndUpdatesLiveFromTheEventStream() throws Exception {
    api.addTask("index-old", false, 1_000, List.of("a"), List.of());
    api.addTask("index-live", true, 2_000, List.of("a", "b"), List.of());
    browser.get(base + "/?q=index-");
    Chromium.await(browser, DEADLINE, "index-live listed",
        d -> d.findElements(By.cssSelector("#active tr[data-task='index-live']")).size() == 1);
    assertEquals(1, browser.findElements(By.cssSelector("#finished tr[data-task='index-old']")).size());
    awaitStream();
    markPage();

    api.transition("index-live", "a", "WAITING", T0, null);
    api.transition("index-live", "a", "RUNNING", T0 + 1, null);
    Chromium.await(browser, DEADLINE, "the RUNNING run shown without a reload", d -> d
        .findElement(By.cssSelector("#active tr[data-task='index-live']")).getText().contains("RUNNING"));
    api.addTask("index-new", true, 3_000, List.of("a"), List.of());
    api.taskState("index-new", "ACTIVE", T0 + 2, true);
    Chromium.await(browser, DEADLINE, "a new task listed without a reload",
        d -> d.findElements(By.cssSelector("#active tr[data-task='index-new']")).size() == 1);
    assertNotReloaded();

    browser.findElement(By.id("filter")).sendKeys("old");
    Chromium.await(browser, DEADLINE, "the filter applied",
        d -> d.findElements(By.cssSelector("tr[data-task]")).size() == 1);
    assertEquals("index-old", Chromium.await(browser, DEADLINE, "the row left",
        d -> d.findElement(By.cssSelector("tr[data-task]")).getAttribute("data-task")));
  }

  @Test
  void indexPagesTwentyTasksAtATime() {
    for (int i = 0; i < 25; i++) {
      api.addTask(String.format("paged-%02d", i), false, 10_000 + i, List.of("a"), List.of());
    }
    browser.get(base + "/?q=paged-");
    Chromium.await(browser, DEADLINE, "the first page, newest first", d -> d.findElements(
        By.cssSelector("#finished tr[data-task]")).size() == 20
        && d.findElement(By.cssSelector("#finished tr[data-task]")).getAttribute("data-task").equals("paged-24"));
    Chromium.await(browser, DEADLINE, "the pager", d -> d.findElement(
        By.cssSelector("#finished .pager")).getText().contains("1–20 of 25"));
    Chromium.click(browser, DEADLINE, "older", d -> d.findElement(By.xpath("//section[@id='finished']//button[contains(., 'older')]")));
    Chromium.await(browser, DEADLINE, "the second page", d -> d.findElements(
        By.cssSelector("#finished tr[data-task]")).size() == 5
        && d.findElement(By.cssSelector("#finished .pager")).getText().contains("21–25 of 25"));
    assertTrue(browser.getCurrentUrl().contains("finished_offset=20"));
  }

  @Test
  void taskPageShowsHealthAndRunsStoppedForATimeoutOrAFailedHealthCheck() throws Exception {
    api.addTask("checked", true, 5_000, List.of("web", "db", "tail"), List.of());
    for (String p : List.of("web", "db", "tail")) {
      api.transition("checked", p, "WAITING", T0, null);
      api.transition("checked", p, "RUNNING", T0 + 1, null);
      api.transition("checked", p, "KILLED", T0 + 2, null);
    }
    api.transition("checked", "web", "WAITING", T0 + 3, null);
    api.transition("checked", "web", "RUNNING", T0 + 4, null);
    api.run("checked", "web", 0).put("stop_reason", "timeout");
    api.run("checked", "web", 1).putObject("health").put("run", 1).put("health", "healthy")
        .put("failures", 0).put("detail", "HTTP 200");
    api.run("checked", "db", 0).put("stop_reason", "unhealthy");
    api.run("checked", "tail", 0).put("stop_reason", "task_end");
    browser.get(base + "/task/checked");
    assertEquals("healthy", Chromium.await(browser, DEADLINE, "web's health badge", d -> d
        .findElement(By.cssSelector("#processes tr[data-process='web'] td.health [data-health]"))
        .getText()));
    assertEquals("unhealthy", browser.findElement(By.cssSelector(
        "#processes tr[data-process='db'] td.state [data-stop-reason]")).getText());
    assertEquals(0, browser.findElements(By.cssSelector(
        "#processes tr[data-process='tail'] [data-stop-reason]")).size(), "task_end: not shown");
    assertEquals(List.of("web run 0: timed out", "db run 0: unhealthy"), browser.findElements(
        By.cssSelector("#timeline .stopped-runs li")).stream().map(e -> e.getText()).toList());
    assertTrue(browser.findElement(By.cssSelector(
        "#timeline g[data-process='web'] rect[data-run='0']")).getAttribute("class")
        .contains("stopped"));
    Chromium.screenshotPage(browser, "task-health");
  }

  @Test
  void taskPageDrawsProcessesOrderingRunsAndCharts() throws Exception {
    api.addTask("drawn", true, 4_000, List.of("setup", "server", "check"),
        List.of(List.of("setup", "server", "check")));
    api.transition("drawn", "setup", "WAITING", T0, null);
    api.transition("drawn", "setup", "RUNNING", T0 + 1, null);
    api.transition("drawn", "setup", "FAILED", T0 + 2, 1);
    api.transition("drawn", "setup", "WAITING", T0 + 3, null);
    api.transition("drawn", "setup", "RUNNING", T0 + 4, null);
    api.transition("drawn", "setup", "SUCCESS", T0 + 5, 0);
    api.transition("drawn", "server", "WAITING", T0 + 5, null);
    api.transition("drawn", "server", "RUNNING", T0 + 6, null);
    for (int i = 0; i < 10; i++) {
      api.sample("drawn", "server", T0 + 6 + i * 5, 0.1 * i, (10 + i) * 1024 * 1024L);
    }
    browser.get(base + "/task/drawn");
    Chromium.await(browser, DEADLINE, "the process table",
        d -> d.findElements(By.cssSelector("#processes tr[data-process]")).size() == 3);
    String setup = Chromium.await(browser, DEADLINE, "setup's row",
        d -> d.findElement(By.cssSelector("#processes tr[data-process='setup']")).getText());
    assertTrue(setup.contains("SUCCESS"), setup);
    assertEquals(3, browser.findElements(By.cssSelector("#dag svg g.node")).size());
    assertEquals(2, browser.findElements(By.cssSelector("#dag svg path.edge")).size());
    assertEquals("st-running", Chromium.await(browser, DEADLINE, "server in the graph", d -> d
        .findElement(By.cssSelector("#dag g[data-process='server'] rect")).getAttribute("class")));
    assertEquals(3, browser.findElements(By.cssSelector("#timeline rect.run")).size());
    assertEquals("run st-failed", Chromium.await(browser, DEADLINE, "setup's first run", d -> d.findElement(
        By.cssSelector("#timeline g[data-process='setup'] rect[data-run='0']")).getAttribute("class")));
    Chromium.await(browser, DEADLINE, "two uPlot charts",
        d -> d.findElements(By.cssSelector(".uplot canvas")).size() == 2);
    assertTrue(Chromium.await(browser, DEADLINE, "server's row", d -> d.findElement(
        By.cssSelector("#processes tr[data-process='server']")).getText()).contains("MiB"));
    assertEquals("http://127.0.0.1:8080/", Chromium.await(browser, DEADLINE, "the port's link",
        d -> d.findElement(By.cssSelector("a.port")).getAttribute("href")));
    assertEquals("http:8080", browser.findElement(By.cssSelector("a.port")).getText());
    awaitStream();
    markPage();
    api.transition("drawn", "server", "SUCCESS", T0 + 60, 0);
    Chromium.await(browser, DEADLINE, "server SUCCESS in the DAG without a reload", d -> d.findElement(
        By.cssSelector("#dag g[data-process='server'] rect")).getAttribute("class").equals("st-success"));
    assertNotReloaded();
    Chromium.screenshot(browser, "fake-task");
  }

  @Test
  void taskDataIsRenderedAsTextNeverAsMarkup() throws Exception {
    String id = "xss<svg onload=alert(2)>";
    api.addTask(id, true, 5_000, List.of(XSS, "plain"), List.of(List.of(XSS, "plain")));
    api.transition(id, XSS, "WAITING", T0, null);
    api.transition(id, XSS, "RUNNING", T0 + 1, null);
    api.appendLog(id, XSS, 0, "stdout", "<script>alert(3)</script> & more\n");
    for (String page : List.of("/", "/task/", "/process/", "/logs/")) {
      String url = base + switch (page) {
        case "/" -> "/?q=xss";
        case "/task/" -> "/task/" + enc(id);
        case "/process/" -> "/process/" + enc(id) + "/" + enc(XSS);
        default -> "/logs/" + enc(id) + "/" + enc(XSS) + "/0/stdout";
      };
      browser.get(url);
      Chromium.await(browser, DEADLINE, "the name shown as text on " + page,
          d -> d.findElement(By.tagName("main")).getText().contains(page.equals("/") ? id : XSS));
      assertEquals(0, browser.findElements(By.cssSelector("main img, main script, main svg[onload]")).size(),
          "task data became an element on " + page);
      assertEquals(0L, js("return document.querySelectorAll('[onerror],[onload]').length;"));
    }
    Chromium.await(browser, DEADLINE, "the log shown as text",
        d -> d.findElement(By.id("log")).getText().contains("<script>alert(3)</script> & more"));
  }

  @Test
  void logViewerFollowsALiveLogAndStopsWhenTheRunEnds() throws Exception {
    api.addTask("logged", true, 6_000, List.of("talker"), List.of());
    api.transition("logged", "talker", "WAITING", T0, null);
    api.transition("logged", "talker", "RUNNING", T0 + 1, null);
    api.appendLog("logged", "talker", 0, "stdout", "first line\n");
    browser.get(base + "/logs/logged/talker/0/stdout");
    Chromium.await(browser, DEADLINE, "the first line",
        d -> d.findElement(By.id("log")).getText().contains("first line"));
    assertTrue(browser.findElement(By.id("log-status")).getText().contains("following"));
    awaitStream();
    api.appendLog("logged", "talker", 0, "stdout", "second line\n");
    Chromium.await(browser, DEADLINE, "the appended line",
        d -> d.findElement(By.id("log")).getText().contains("second line"));
    api.appendLog("logged", "talker", 0, "stdout", "last line\n");
    api.transition("logged", "talker", "SUCCESS", T0 + 9, 0);
    Chromium.await(browser, DEADLINE, "the end of the run",
        d -> d.findElement(By.id("log-status")).getText().contains("ended"));
    assertEquals("first line\nsecond line\nlast line", browser.findElement(By.id("log")).getText());
  }

  @Test
  void unknownTaskPageSaysNotFound() {
    browser.get(base + "/task/no-such-task");
    assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
    Chromium.await(browser, DEADLINE, "the id shown",
        d -> d.findElement(By.id("what")).getText().contains("no-such-task"));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
