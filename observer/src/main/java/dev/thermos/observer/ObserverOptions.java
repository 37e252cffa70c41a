package dev.thermos.observer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code thermos observe} was asked to do.
 *
 * @param roots the checkpoint roots to watch (at least one)
 * @param bind the address to listen on
 * @param port the port (0: a free one)
 * @param historyDir where the history is kept ({@code --history}; default
 *     {@code <first root>/observer-history})
 * @param historyRetention how long history is kept ({@code --history-retention}; default 7 days)
 * @param sampleInterval how often running processes are sampled ({@code --sample-interval};
 *     default 5 s)
 */
public record ObserverOptions(List<Path> roots, String bind, int port, Path historyDir,
    Duration historyRetention, Duration sampleInterval) {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);

  public ObserverOptions {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no root to watch");
    }
    Objects.requireNonNull(bind, "bind");
    if (historyDir == null) {
      historyDir = roots.get(0).resolve("observer-history");
    }
    if (historyRetention == null) {
      historyRetention = DEFAULT_RETENTION;
    }
    if (sampleInterval == null) {
      sampleInterval = DEFAULT_SAMPLE_INTERVAL;
    }
  }

  /** Options with the default sample interval. */
  public ObserverOptions(List<Path> roots, String bind, int port, Path historyDir,
      Duration historyRetention) {
    this(roots, bind, port, historyDir, historyRetention, null);
  }

  /** Options for {@code roots} on loopback, a free port, the default history. */
  public static ObserverOptions forRoots(List<Path> roots) {
    return new ObserverOptions(roots, "127.0.0.1", 0, null, null);
  }
}
