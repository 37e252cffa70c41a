package dev.thermos.observer.event;

import java.util.Map;
import java.util.Optional;

/**
 * The latest resource and disk samples, as the HTTP side shows them next to a task (the sampler
 * implements it; until one is wired, {@link #NONE}). Called from HTTP threads: implementations
 * answer from memory, without blocking.
 */
public interface LatestSamples {
  /** No samples at all. */
  LatestSamples NONE = new LatestSamples() {
    @Override
    public Map<String, ResourceSample> resources(String taskId) {
      return Map.of();
    }

    @Override
    public Optional<DiskSample> disk(String taskId) {
      return Optional.empty();
    }
  };

  /** The latest sample of each running process of {@code taskId}, by process name. */
  Map<String, ResourceSample> resources(String taskId);

  /** The latest disk sample of {@code taskId}'s sandbox, if any. */
  Optional<DiskSample> disk(String taskId);
}
