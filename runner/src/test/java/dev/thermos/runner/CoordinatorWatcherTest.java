package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorWatcherTest {
  @TempDir Path dir;

  @Test
  void aWriteToACoordinatorFileIsAnEvent() throws Exception {
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    try (CoordinatorWatcher watcher = new CoordinatorWatcher(dir, events::add)) {
      Files.writeString(dir.resolve("coordinator.hello"), "x");
      Event e = events.poll(30, TimeUnit.SECONDS);
      assertTrue(e instanceof Event.CoordinatorWrote, "" + e);
      assertEquals("hello", ((Event.CoordinatorWrote) e).process());
    }
  }

  @Test
  void aCloseAfterABackgroundCloseEndsTheWatchToo() throws Exception {
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    CoordinatorWatcher watcher = new CoordinatorWatcher(dir, events::add);
    watcher.closeInBackground();
    watcher.closeInBackground();
    watcher.close();
    // Once the background close is through, writes are no longer events: poll for that.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int round = 0;
    while (true) {
      events.clear();
      Files.writeString(dir.resolve("coordinator.p" + round++), "x");
      if (events.poll(200, TimeUnit.MILLISECONDS) == null) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "still watching after 30 s");
    }
  }
}
