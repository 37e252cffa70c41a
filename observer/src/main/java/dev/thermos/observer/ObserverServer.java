package dev.thermos.observer;

import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.http.AuroraJsonRoutes;
import dev.thermos.observer.http.FileRoutes;
import dev.thermos.observer.http.TaskApiRoutes;
import dev.thermos.observer.ui.IndexTaskLookup;
import dev.thermos.observer.ui.SandboxFilesRoutes;
import dev.thermos.observer.ui.TaskLookup;
import dev.thermos.observer.ui.UiRoutes;
import dev.thermos.observer.watch.TaskIndex;
import dev.thermos.observer.watch.TaskWatcher;
import io.javalin.Javalin;
import org.eclipse.jetty.http.UriCompliance;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * The observer: the task index kept by the watcher, and the HTTP side (Javalin on Jetty, every
 * endpoint read-only). Each part registers its routes through a {@code register(JavalinConfig)}
 * method of its route class.
 */
public final class ObserverServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ObserverServer.class.getName());
  private final Javalin app;
  private final TaskWatcher watcher;
  private final TaskIndex index;
  private final ObserverHistory history;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ObserverServer(Javalin app, TaskWatcher watcher, TaskIndex index,
      ObserverHistory history) {
    this.app = app;
    this.watcher = watcher;
    this.index = index;
    this.history = history;
  }

  /** Starts watching the roots and listening on {@code bind:port} (port 0 picks a free one). */
  public static ObserverServer start(ObserverOptions options) throws IOException {
    TaskIndex index = new TaskIndex();
    TaskWatcher watcher = new TaskWatcher(options.roots(), index,
        () -> System.currentTimeMillis() / 1000.0);
    ObserverHistory history;
    try {
      history = ObserverHistory.open(options, index, watcher);
    } catch (IOException e) {
      watcher.close();
      throw e;
    }
    LatestSamples samples = history.latestSamples();
    TaskApiRoutes api = new TaskApiRoutes(index, samples);
    AuroraJsonRoutes aurora = new AuroraJsonRoutes(index, samples);
    FileRoutes files = new FileRoutes(index);
    TaskLookup tasks = new IndexTaskLookup(index);
    Javalin app = Javalin.create(config -> {
      config.jetty.host = options.bind();
      config.jetty.port = options.port();
      config.startup.showJavalinBanner = false;
      // An encoded '/' in a path reaches the file handlers, to be refused there with a 404 like
      // any other path outside a task (TaskFiles); a path climbing above "/" stays Jetty's 400.
      config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
          UriCompliance.DEFAULT.with("thermos", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)));
      config.jetty.modifyServletContextHandler(
          handler -> handler.getServletHandler().setDecodeAmbiguousURIs(true));
      config.routes.get("/health", ctx -> ctx.result("OK"));
      config.router.javaLangErrorHandler((response, error) -> {
        LOG.log(System.Logger.Level.ERROR, "a request failed", error);
        response.setStatus(500);
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.log(System.Logger.Level.ERROR, ctx.method() + " " + ctx.path() + " failed", e);
        ctx.status(500).contentType("application/json")
            .result("{\"error\": \"internal error (logged by the observer)\"}");
      });
      api.register(config);
      aurora.register(config);
      files.register(config);
      history.register(config);
      new UiRoutes(tasks).register(config);
      new SandboxFilesRoutes(tasks).register(config);
    });
    watcher.start();
    history.startSampling(options.sampleInterval(), new PrintWriter(System.err, true));
    ObserverServer server = new ObserverServer(app, watcher, index, history);
    try {
      app.start();
    } catch (RuntimeException e) {
      watcher.close();
      history.close();
      throw e;
    }
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The task index (for tests and the parts wired here). */
  public TaskIndex index() {
    return index;
  }

  /** The watcher (for tests: {@link TaskWatcher#awaitFirstScan}). */
  public TaskWatcher watcher() {
    return watcher;
  }

  /** The history side (for tests: {@link ObserverHistory#eventClients}). */
  ObserverHistory history() {
    return history;
  }

  /** Blocks until {@link #close} is called. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    try {
      app.stop();
      watcher.close();
      history.close();
    } catch (IOException e) {
      // closing a watch service does not fail in practice; the process is stopping anyway
    } finally {
      stopped.countDown();
    }
  }
}
