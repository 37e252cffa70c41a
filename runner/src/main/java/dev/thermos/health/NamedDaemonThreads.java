package dev.thermos.health;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code PREFIX} (the first) or {@code PREFIX-N}. */
final class NamedDaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  NamedDaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    int n = count.getAndIncrement();
    Thread thread = new Thread(task, n == 0 ? prefix : prefix + "-" + n);
    thread.setDaemon(true);
    return thread;
  }
}
