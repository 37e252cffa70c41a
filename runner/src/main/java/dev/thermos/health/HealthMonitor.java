package dev.thermos.health;

/** PLACEHOLDER until h-health merges. */
public final class HealthMonitor implements java.io.Closeable {
  public HealthMonitor(java.util.function.Consumer<HealthResult> sink, int maxConcurrent,
      java.time.Clock clock) {}

  public void watch(String process, int run, dev.thermos.config.HealthCheck check,
      ProbeContext context, double startedAtSecs) {}

  public void unwatch(String process) {}

  @Override
  public void close() {}
}
