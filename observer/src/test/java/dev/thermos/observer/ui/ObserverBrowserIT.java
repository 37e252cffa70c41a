package dev.thermos.observer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.observer.ObserverOptions;
import dev.thermos.observer.ObserverServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI in Debian's chromium over the real observer watching a root where the real runner
 * runs a task started after the index page was opened: the index lists it live, its page shows
 * processes, ordering and runs, a live log is followed to its end, a process finishing shows up
 * without a reload, and a process named like markup is shown as text. Screenshots go to
 * {@code target/screenshots/}.
 */
class ObserverBrowserIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final String TASK_ID = "browser-demo";
  /** Waits in the sandbox (at most 60 s) until the test creates {@code name}. */
  private static final String GATE = "i=0; while [ ! -e %s ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done";
  private static final String TASK = """
      {"name": "browser-demo", "max_failures": 1, "finalization_wait": 5,
       "processes": [
         {"name": "setup", "cmdline": "echo preparing; mkdir -p data; echo 42 > data/answer.txt"},
         {"name": "server", "cmdline": "echo serving; %s; echo served"},
         {"name": "talker", "cmdline": "echo first line; %s; echo '<b>last</b> line'"},
         {"name": "flaky", "max_failures": 2, "min_duration": 1,
          "cmdline": "if [ -e tried ]; then echo second try; else touch tried; echo first try; exit 3; fi"},
         {"name": "%s", "cmdline": "echo named like markup"}],
       "constraints": [{"order": ["setup", "server"]}, {"order": ["setup", "flaky"]}]}
      """.formatted(GATE.formatted("gate-server"), GATE.formatted("gate-talker"), XSS);

  @TempDir Path dir;
  private ObserverServer observer;
  private RunnerJvm runner;
  private ChromeDriver browser;

  @AfterEach
  void stop() throws Exception {
    try {
      Files.createDirectories(sandbox());
      Files.writeString(sandbox().resolve("gate-server"), "");
      Files.writeString(sandbox().resolve("gate-talker"), "");
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (runner != null) {
        runner.close();
      }
      if (observer != null) {
        observer.close();
      }
    }
  }

  private Path sandbox() {
    return dir.resolve("sandbox");
  }

  private static WebElement row(WebDriver d, String table, String process) {
    return d.findElements(By.cssSelector(table + " tr[data-process]")).stream()
        .filter(e -> process.equals(e.getAttribute("data-process"))).findFirst().orElse(null);
  }

  private static boolean rowSays(WebDriver d, String table, String process, String text) {
    WebElement r = row(d, table, process);
    return r != null && r.getText().contains(text);
  }

  @Test
  void followsATaskFromTheIndexToItsPageAndALogWhileItRuns() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    observer = ObserverServer.start(new ObserverOptions(List.of(root), "127.0.0.1", 0, null, null,
        Duration.ofMillis(500)));
    String base = "http://127.0.0.1:" + observer.port();
    browser = Chromium.start(dir.resolve("profile"));

    browser.get(base + "/");
    Chromium.await(browser, DEADLINE, "the index's event stream",
        d -> d.findElement(By.id("live")).getText().startsWith("live"));
    ((JavascriptExecutor) browser).executeScript("window.__notReloaded = true;");
    runner = RunnerJvm.start(root, sandbox(), TASK_ID, TASK);
    Chromium.await(browser, DEADLINE, "the task started after the page opened, listed live",
        d -> d.findElement(By.id("active")).getText().contains(TASK_ID)
            && d.findElement(By.id("active")).getText().contains("RUNNING"));
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser)
        .executeScript("return window.__notReloaded === true;"), "the index reloaded");
    Chromium.screenshot(browser, "observer-index");

    Chromium.click(browser, DEADLINE, "the task's link", d -> d.findElement(By.linkText(TASK_ID)));
    Chromium.await(browser, DEADLINE, "server and talker running on the task page",
        d -> rowSays(d, "#processes", "server", "RUNNING") && rowSays(d, "#processes", "talker", "RUNNING"));
    assertTrue(browser.getCurrentUrl().endsWith("/task/" + TASK_ID));
    Chromium.await(browser, DEADLINE, "the markup-named process run",
        d -> rowSays(d, "#processes", XSS, "SUCCESS"));
    assertEquals(XSS, Chromium.await(browser, DEADLINE, "the markup-named process's link",
        d -> row(d, "#processes", XSS).findElement(By.tagName("a")).getText()));
    assertEquals(0, browser.findElements(By.cssSelector("img")).size(), "a process name became an element");
    assertEquals(5, browser.findElements(By.cssSelector("#dag g.node")).size());
    assertEquals(2, browser.findElements(By.cssSelector("#dag path.edge")).size());
    Chromium.await(browser, DEADLINE, "flaky's failed run and its second run on the timeline",
        d -> rowSays(d, "#processes", "flaky", "SUCCESS")
            && d.findElements(By.cssSelector("#timeline g[data-process='flaky'] rect.st-failed")).size() == 1
            && d.findElements(By.cssSelector("#timeline g[data-process='flaky'] rect.st-success")).size() == 1);
    assertTrue(browser.findElements(By.cssSelector("#timeline rect.run")).size() >= 6);

    Chromium.click(browser, DEADLINE, "talker's stdout",
        d -> row(d, "#processes", "talker").findElement(By.linkText("stdout")));
    Chromium.await(browser, DEADLINE, "the live log's first line",
        d -> d.findElement(By.id("log")).getText().contains("first line"));
    assertTrue(browser.findElement(By.id("log-status")).getText().contains("following"));
    Files.writeString(sandbox().resolve("gate-talker"), "");
    Chromium.await(browser, DEADLINE, "the log's last line and the end of the run",
        d -> d.findElement(By.id("log")).getText().contains("<b>last</b> line")
            && d.findElement(By.id("log-status")).getText().contains("ended"));
    assertEquals(0, browser.findElements(By.cssSelector("#log b")).size());
    Chromium.screenshot(browser, "observer-log");

    browser.navigate().back();
    Chromium.await(browser, DEADLINE, "the task page again",
        d -> rowSays(d, "#processes", "talker", "SUCCESS") && rowSays(d, "#processes", "server", "RUNNING"));
    ((JavascriptExecutor) browser).executeScript("window.__notReloaded = true;");
    Files.writeString(sandbox().resolve("gate-server"), "");
    Chromium.await(browser, DEADLINE, "server's end and the task's, shown live",
        d -> rowSays(d, "#processes", "server", "SUCCESS")
            && d.findElement(By.tagName("h1")).getText().contains("SUCCESS"));
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser)
        .executeScript("return window.__notReloaded === true;"), "the task page reloaded");
    assertEquals("st-success", Chromium.await(browser, DEADLINE, "server in the graph", d -> d
        .findElement(By.cssSelector("#dag g[data-process='server'] rect")).getAttribute("class")));
    Chromium.await(browser, DEADLINE, "CPU and memory charts drawn from the history's samples",
        d -> d.findElements(By.cssSelector("#cpu-chart .uplot canvas, #rss-chart .uplot canvas")).size() == 2);
    Chromium.screenshotPage(browser, "observer-task");

    Chromium.click(browser, DEADLINE, "flaky's page", d -> row(d, "#processes", "flaky").findElement(By.linkText("flaky")));
    Chromium.await(browser, DEADLINE, "flaky's two runs, newest first",
        d -> d.findElements(By.cssSelector("#runs tr[data-run]")).size() == 2
            && d.findElement(By.cssSelector("#runs tr[data-run='0']")).getText().contains("FAILED")
            && d.findElement(By.cssSelector("#runs tr[data-run='1']")).getText().contains("SUCCESS"));
    assertTrue(browser.findElement(By.id("cmdline")).getText().contains("second try"));
    browser.navigate().back();
    Chromium.click(browser, DEADLINE, "the sandbox's link", d -> d.findElement(By.linkText("browse")));
    Chromium.click(browser, DEADLINE, "the data directory", d -> d.findElement(By.linkText("data/")));
    Chromium.click(browser, DEADLINE, "answer.txt", d -> d.findElement(By.linkText("answer.txt")));
    Chromium.await(browser, DEADLINE, "the file's content",
        d -> d.findElement(By.id("file")).getText().equals("42"));
    assertTrue(browser.getCurrentUrl().endsWith("/file/" + TASK_ID + "/data/answer.txt"));
    Chromium.screenshot(browser, "observer-file");

    browser.get(base + "/task/no-such-task");
    assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
    assertEquals(404, HttpGet.get(base, "/task/no-such-task").statusCode());
    assertEquals(200, HttpGet.get(base, "/task/" + TASK_ID).statusCode());
  }
}
