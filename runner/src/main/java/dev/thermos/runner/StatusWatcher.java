package dev.thermos.runner;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Tells the run loop when a copy wrote its status file (idle-based scaling): one inotify watch on
 * the status files' directory, one daemon thread blocked on it (no polling); every batch of
 * changes becomes one {@link Event.StatusChanged}.
 */
final class StatusWatcher implements Closeable {
  private final WatchService service;

  StatusWatcher(Path dir, Consumer<Event> sink) throws IOException {
    service = FileSystems.getDefault().newWatchService();
    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    Thread thread = new Thread(() -> watch(sink), "thermos-status-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch(Consumer<Event> sink) {
    try {
      while (true) {
        WatchKey key = service.take();
        key.pollEvents();
        key.reset();
        sink.accept(new Event.StatusChanged());
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: the task ended
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
