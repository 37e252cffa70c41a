package dev.thermos.observer.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;

/** One gauge metric of a scrape, filled point by point. */
final class GaugeFamily {
  private final String name;
  private final String help;
  private final List<GaugeDataPointSnapshot> points = new ArrayList<>();

  GaugeFamily(String name, String help) {
    this.name = name;
    this.help = help;
  }

  /** Adds one point; {@code labels} alternate names and values. */
  GaugeFamily add(double value, String... labels) {
    points.add(GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
    return this;
  }

  GaugeSnapshot snapshot() {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(b::dataPoint);
    return b.build();
  }
}
