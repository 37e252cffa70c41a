package dev.thermos.observer.ui;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The web UI at Aurora's page paths. Each page is a static HTML shell (no task data in it) whose
 * script reads its parameters from the URL and fetches the JSON API; task data enters the page
 * only as text. The shells, scripts and styles are served from the jar under {@code /static/},
 * uPlot from its WebJar under {@code /static/vendor/uplot/}: nothing comes from the network.
 *
 * <pre>
 *   /                                          index: active and finished tasks
 *   /task/{task_id}                            processes, ordering DAG, run timeline, charts
 *   /process/{task_id}/{process}               every run of one process
 *   /logs/{task_id}/{process}/{run}/{logtype}  a log, followed while the run is live
 *   /browse/{task_id}[/{path}]                 a directory of the sandbox
 *   /file/{task_id}/{path}                     a file of the sandbox
 * </pre>
 *
 * A page about a task the observer does not know is a 404 whose page says "not found".
 */
public final class UiRoutes {
  private static final String STATIC = "/dev/thermos/observer/ui/static";
  private static final String UPLOT_HEAD =
      "<link rel=\"stylesheet\" href=\"/static/vendor/uplot/dist/uPlot.min.css\">\n"
      + "<script src=\"/static/vendor/uplot/dist/uPlot.iife.min.js\"></script>\n";
  private static final String LOADING = "<p class=\"note\">Loading…</p>";
  private static final String NOT_FOUND = "<h1>Not found</h1><p id=\"what\" class=\"note\"></p>"
      + "<p><a href=\"/\">All tasks</a></p>";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30";
  private static final Set<String> LOG_TYPES = Set.of("stdout", "stderr");
  /** Scripts only from this server; inline styles because uPlot sets them. */
  private static final String CSP = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
      + "base-uri 'none'; frame-ancestors 'none'";

  private final TaskLookup tasks;
  private final Map<String, byte[]> pages = new HashMap<>();

  public UiRoutes(TaskLookup tasks) {
    this.tasks = tasks;
    String shell = new String(resource(STATIC + "/page.html"), StandardCharsets.UTF_8);
    for (String page : new String[] {"index", "task", "process", "logs", "browse", "file"}) {
      pages.put(page, page(shell, page, page.equals("task") ? UPLOT_HEAD : "", LOADING));
    }
    pages.put("notfound", page(shell, "notfound", "", NOT_FOUND));
  }

  /** The shell with its script, extra head lines and initial main (constants, never task data). */
  private static byte[] page(String shell, String page, String head, String main) {
    return shell.replace("<!--head-->", head).replace("<!--page-->", page)
        .replace("<!--main-->", main).getBytes(StandardCharsets.UTF_8);
  }

  /** Declares the pages and the static assets. */
  public void register(JavalinConfig config) {
    config.staticFiles.add(files -> {
      files.hostedPath = "/static";
      files.directory = STATIC;
      files.location = Location.CLASSPATH;
    });
    config.staticFiles.add(files -> {
      files.hostedPath = "/static/vendor/uplot";
      files.directory = UPLOT;
      files.location = Location.CLASSPATH;
    });
    config.routes.get("/", ctx -> send(ctx, 200, "index"));
    config.routes.get("/task/{task_id}", ctx -> taskPage(ctx, "task"));
    config.routes.get("/process/{task_id}/{process}", ctx -> taskPage(ctx, "process"));
    config.routes.get("/logs/{task_id}/{process}/{run}/{logtype}", this::logPage);
    config.routes.get("/browse/{task_id}", ctx -> taskPage(ctx, "browse"));
    config.routes.get("/browse/{task_id}/<path>", ctx -> taskPage(ctx, "browse"));
    config.routes.get("/file/{task_id}/<path>", ctx -> taskPage(ctx, "file"));
  }

  private void taskPage(Context ctx, String page) {
    boolean known = tasks.exists(ctx.pathParam("task_id"));
    send(ctx, known ? 200 : 404, known ? page : "notfound");
  }

  private void logPage(Context ctx) {
    boolean valid = LOG_TYPES.contains(ctx.pathParam("logtype"))
        && ctx.pathParam("run").matches("[0-9]{1,9}");
    if (valid) {
      taskPage(ctx, "logs");
    } else {
      send(ctx, 404, "notfound");
    }
  }

  private void send(Context ctx, int status, String page) {
    ctx.status(status)
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .contentType("text/html; charset=utf-8")
        .result(pages.get(page));
  }

  private static byte[] resource(String name) {
    try (InputStream in = UiRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
