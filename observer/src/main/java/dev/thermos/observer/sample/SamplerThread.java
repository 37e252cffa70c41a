package dev.thermos.observer.sample;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The one thread that runs the sampler's rounds at an interval. */
public final class SamplerThread implements AutoCloseable {
  private final ScheduledExecutorService executor;

  private SamplerThread(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Starts running {@code sampler}'s rounds every {@code interval}; a failed round is reported on
   * {@code err} (one line) and the next one runs as planned.
   */
  public static SamplerThread start(Sampler sampler, Duration interval, PrintWriter err) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "observer-sampler");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        sampler.round();
      } catch (IOException | RuntimeException e) {
        err.println("thermos observe: sampling failed: " + e.getMessage());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return new SamplerThread(executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
