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
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final AtomicBoolean closing = new AtomicBoolean();

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

  /**
   * Closes the watch on a daemon thread and returns at once: the kernel's teardown of an inotify
   * watch waits for a grace period (8-16 ms measured), which the end of a task need not wait for.
   * A later {@link #close} does not wait for it either.
   */
  void closeInBackground() {
    if (closing.compareAndSet(false, true)) {
      Thread t = new Thread(this::closeQuietly, "thermos-coordinator-watcher-close");
      t.setDaemon(true);
      t.start();
    }
  }

  private void closeQuietly() {
    try {
      service.close();
    } catch (IOException e) {
      // Nothing is watched any more either way.
    }
  }

  @Override
  public void close() throws IOException {
    if (closing.compareAndSet(false, true)) {
      service.close();
    }
  }
}
