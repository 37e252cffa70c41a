package dev.thermos.observer.event;

import java.util.Map;
import java.util.Optional;

/**
 * The latest resource samples the sampler took, as {@code /api/v1/tasks/{id}} shows them. Safe to
 * call from any thread.
 */
public interface LatestSamples {
  /** The latest sample of each running process of {@code taskId}, by process name (may be empty). */
  Map<String, ResourceSample> resources(String taskId);

  /** The latest completed disk use of {@code taskId}'s sandbox, if one was measured. */
  Optional<DiskSample> disk(String taskId);

  /** None at all (when sampling is off, and for tests). */
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
}
