package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorWatcherTest {
  @TempDir Path dir;

  /** The events of the queue within 30 s, up to the first that {@code wanted} accepts. */
  private static List<Event> until(EventQueue queue, Class<? extends Event> wanted)
      throws Exception {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (seen.stream().noneMatch(wanted::isInstance) && System.nanoTime() < deadline) {
      seen.addAll(queue.poll(1000));
    }
    return seen;
  }

  @Test
  void aWriteToACoordinatorFileWakesTheLoopWithItsProcess() throws Exception {
    try (EventQueue queue = new EventQueue();
        CoordinatorWatcher watcher = new CoordinatorWatcher(dir)) {
      queue.watch(watcher);
      Thread writer = new Thread(() -> {
        try {
          Thread.sleep(50);  // the loop is asleep in poll by then (or not: either way one event)
          Files.writeString(dir.resolve("coordinator.hello"), "x");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      List<Event> seen = until(queue, Event.CoordinatorWrote.class);
      writer.join();
      assertTrue(seen.contains(new Event.CoordinatorWrote("hello")), "" + seen);
    }
  }

  @Test
  void aRequestAndARemovedFileAreEventsToo() throws Exception {
    try (EventQueue queue = new EventQueue();
        CoordinatorWatcher watcher = new CoordinatorWatcher(dir)) {
      queue.watch(watcher);
      Files.writeString(dir.resolve("control.jsonl"), "{}\n");
      assertTrue(until(queue, Event.ControlWritten.class).contains(new Event.ControlWritten()));
      Files.writeString(dir.resolve("other"), "x");
      Files.delete(dir.resolve("other"));
      assertTrue(until(queue, Event.CheckpointRemoved.class)
          .contains(new Event.CheckpointRemoved()));
    }
  }

  @Test
  void anEventAddedByAnotherThreadWakesASleepingLoop() throws Exception {
    try (EventQueue queue = new EventQueue()) {
      Thread adder = new Thread(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        queue.add(new Event.ControlWritten());
      });
      long start = System.nanoTime();
      adder.start();
      List<Event> batch = queue.poll(Long.MAX_VALUE);  // for ever: only the wake-up ends it
      adder.join();
      assertEquals(List.of(new Event.ControlWritten()), batch);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
    }
  }

  /** Builds {@code struct inotify_event}s: mask and name, the name NUL-padded to 16 bytes. */
  private static java.nio.ByteBuffer events(Object... maskAndName) {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.nativeOrder());
    for (int i = 0; i < maskAndName.length; i += 2) {
      byte[] name = ((String) maskAndName[i + 1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int len = name.length == 0 ? 0 : (name.length / 16 + 1) * 16;
      b.putInt(1).putInt((Integer) maskAndName[i]).putInt(0).putInt(len);
      b.put(name).put(new byte[len - name.length]);
    }
    return b;
  }

  @Test
  void eachKindOfChangeBecomesItsEvent() {
    int modify = dev.thermos.posix.Readiness.IN_MODIFY;
    java.nio.ByteBuffer b = events(modify, "coordinator.a", modify, "control.jsonl",
        modify, "runner", dev.thermos.posix.Readiness.IN_MOVED_TO, "coordinator.b",
        dev.thermos.posix.Readiness.IN_DELETE, "coordinator.a",
        dev.thermos.posix.Readiness.IN_Q_OVERFLOW, "",
        dev.thermos.posix.Readiness.IN_IGNORED, "",
        modify, "coordinator.with.dots.and.a.name.longer.than.sixteen");
    List<Event> seen = new ArrayList<>();
    CoordinatorWatcher.parse(b, b.position(), seen::add);
    assertEquals(List.of(new Event.CoordinatorWrote("a"), new Event.ControlWritten(),
        new Event.CoordinatorWrote("b"), new Event.CheckpointRemoved(),
        new Event.CoordinatorWrote(CoordinatorWatcher.ALL), new Event.ControlWritten(),
        new Event.CheckpointRemoved(),
        new Event.CoordinatorWrote("with.dots.and.a.name.longer.than.sixteen")), seen);
  }

  @Test
  void aTruncatedLastEventIsReadNoFurtherThanTheBytesRead() {
    java.nio.ByteBuffer b = events(dev.thermos.posix.Readiness.IN_MODIFY, "coordinator.a",
        dev.thermos.posix.Readiness.IN_MODIFY, "coordinator.b");
    List<Event> seen = new ArrayList<>();
    CoordinatorWatcher.parse(b, 16 + 16 + 10, seen::add);  // the second header cut short
    assertEquals(List.of(new Event.CoordinatorWrote("a")), seen);
  }

  @Test
  void aClosedWatchIsNoLongerWaitedOnOrRead() throws Exception {
    try (EventQueue queue = new EventQueue()) {
      CoordinatorWatcher watcher = new CoordinatorWatcher(dir);
      queue.watch(watcher);
      watcher.unwatch();
      watcher.unwatch();
      watcher.close();
      watcher.close();
      assertEquals(-1, watcher.descriptor());
      Files.writeString(dir.resolve("coordinator.after"), "x");
      assertEquals(List.of(), queue.poll(200));
    }
  }
}
