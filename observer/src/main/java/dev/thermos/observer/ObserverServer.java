package dev.thermos.observer;

import dev.thermos.observer.ui.RootTaskLookup;
import dev.thermos.observer.ui.SandboxFilesRoutes;
import dev.thermos.observer.ui.TaskLookup;
import dev.thermos.observer.ui.UiRoutes;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The HTTP side of the observer: Javalin on Jetty, every endpoint read-only. */
public final class ObserverServer implements AutoCloseable {
  private final Javalin app;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ObserverServer(Javalin app) {
    this.app = app;
  }

  /** Starts listening on {@code bind:port} (port 0 picks a free one), serving {@code roots}. */
  public static ObserverServer start(String bind, int port, List<Path> roots) {
    TaskLookup tasks = new RootTaskLookup(roots);
    Javalin app = Javalin.create(config -> {
      config.jetty.host = bind;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.routes.get("/health", ctx -> ctx.result("OK"));
      new UiRoutes(tasks).register(config);
      new SandboxFilesRoutes(tasks).register(config);
    });
    ObserverServer server = new ObserverServer(app);
    app.start();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** Blocks until {@link #close} is called. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    app.stop();
    stopped.countDown();
  }
}
