package dev.thermos.observer;

import io.javalin.Javalin;
import java.util.concurrent.CountDownLatch;

/** The HTTP side of the observer: Javalin on Jetty, every endpoint read-only. */
public final class ObserverServer implements AutoCloseable {
  private final Javalin app;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ObserverServer(Javalin app) {
    this.app = app;
  }

  /** Starts listening on {@code bind:port} (port 0 picks a free one). */
  public static ObserverServer start(String bind, int port) {
    Javalin app = Javalin.create(config -> {
      config.jetty.host = bind;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.routes.get("/health", ctx -> ctx.result("OK"));
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
