package dev.thermos.config;

import java.util.Map;

/**
 * The {@code thermos} template namespace a runner binds: {@code {{thermos.task_id}}},
 * {@code {{thermos.user}}} and {@code {{thermos.ports[NAME]}}}. {@code taskId} and {@code user}
 * may be {@code null} (then their references stay unbound).
 */
public record ThermosContext(String taskId, String user, Map<String, Integer> ports) {
  public ThermosContext {
    ports = Map.copyOf(ports);
  }
}
