package dev.thermos.runner;

import dev.thermos.control.ControlLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Turns writes to {@code coordinator.<process>} files into events, through inotify (the JDK's
 * WatchService on Linux): the runner learns of a coordinator's records within a millisecond or so,
 * with no polling; writes to {@code control.jsonl} likewise ({@link Event.ControlWritten}). An
 * overflow (too many events) is reported as a change of every process ("*") and of the requests.
 * A file removed from the directory, or the directory itself gone (its watch cancelled), is
 * reported as {@link Event.CheckpointRemoved}: the loop then checks its own checkpoint.
 */
final class CoordinatorWatcher implements Closeable {
  static final String ALL = "*";
  private static final String PREFIX = "coordinator.";

  private final WatchService service;
  private final Thread thread;

  CoordinatorWatcher(Path checkpointDirectory, Consumer<Event> sink) throws IOException {
    service = FileSystems.getDefault().newWatchService();
    checkpointDirectory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    thread = new Thread(() -> watch(sink), "thermos-coordinator-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch(Consumer<Event> sink) {
    try {
      while (true) {
        WatchKey key = service.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            sink.accept(new Event.CoordinatorWrote(ALL));
            sink.accept(new Event.ControlWritten());
            continue;
          }
          if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
            sink.accept(new Event.CheckpointRemoved());
            continue;
          }
          String name = event.context().toString();
          if (name.startsWith(PREFIX)) {
            sink.accept(new Event.CoordinatorWrote(name.substring(PREFIX.length())));
          } else if (name.equals(ControlLog.NAME)) {
            sink.accept(new Event.ControlWritten());
          }
        }
        if (!key.reset()) {
          sink.accept(new Event.CheckpointRemoved());  // the directory is gone
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
