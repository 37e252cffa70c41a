package dev.thermos.observer.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Prometheus text format (0.0.4) of a registry: what {@code /metrics} answers. */
public final class MetricsText {
  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public MetricsText(PrometheusRegistry registry) {
    this.registry = registry;
  }

  /** A registry of the observer's metrics. */
  public static MetricsText of(ObserverMetrics metrics) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    return new MetricsText(registry);
  }

  public String contentType() {
    return writer.getContentType();
  }

  /** One scrape, rendered. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
