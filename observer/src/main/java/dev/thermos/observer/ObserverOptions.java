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
 */
public record ObserverOptions(List<Path> roots, String bind, int port, Path historyDir,
    Duration historyRetention) {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

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
  }

  /** Options for {@code roots} on loopback, a free port, the default history. */
  public static ObserverOptions forRoots(List<Path> roots) {
    return new ObserverOptions(roots, "127.0.0.1", 0, null, null);
  }
}
