package dev.thermos.observer.sample;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;

/** Told of every sample the sampler takes, on the sampler's thread. */
public interface SampleListener {
  void onSample(ResourceSample sample);

  void onDisk(DiskSample disk);
}
