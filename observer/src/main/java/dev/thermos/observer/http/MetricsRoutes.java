package dev.thermos.observer.http;

import dev.thermos.observer.metrics.MetricsText;
import io.javalin.config.JavalinConfig;

/** {@code GET /metrics}: the Prometheus text format, computed at each scrape. */
public final class MetricsRoutes {
  private final MetricsText metrics;

  public MetricsRoutes(MetricsText metrics) {
    this.metrics = metrics;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/metrics",
        ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
  }
}
