package dev.thermos.observer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import dev.thermos.observer.history.History;
import dev.thermos.observer.history.HistoryTransition;
import dev.thermos.observer.watch.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDispatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;
  private History history;
  private EventDispatcher dispatcher;
  private long record;

  /** Collects what it is sent. */
  static final class Collector implements EventSink {
    final List<Long> cursors = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();

    @Override
    public boolean send(HistoryTransition t) {
      cursors.add(t.cursor());
      return true;
    }

    @Override
    public boolean comment(String text) {
      comments.add(text);
      return true;
    }

    @Override
    public boolean closed() {
      return false;
    }
  }

  @AfterEach
  void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (history != null) {
      history.close();
    }
  }

  private void start(Duration keepalive) throws IOException {
    history = History.open(dir, Duration.ofDays(7), System::currentTimeMillis);
    dispatcher = new EventDispatcher(history, keepalive, System::nanoTime);
  }

  private long append() {
    history.append(new ResourceSample("t", "p", 0, now(), 0.1, 1, 1));
    return history.append(new Transition("t", "p", 0, "RUNNING", now(), null, record++));
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private List<Long> appendN(int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(append());
    }
    return out;
  }

  private static void awaitCursors(Collector c, List<Long> expected) {
    Await.until("cursors " + expected.size(), WAIT, () -> c.cursors.size() >= expected.size(),
        () -> "got " + c.cursors.size());
    if (!expected.equals(c.cursors)) {
      fail("expected " + expected.size() + " cursors from " + expected.get(0) + " to "
          + expected.get(expected.size() - 1) + ", got " + c.cursors.size() + " from "
          + c.cursors.get(0) + " to " + c.cursors.get(c.cursors.size() - 1));
    }
  }

  @Test
  void aNewClientGetsWhatIsAppendedFromNowOn() throws IOException {
    start(Duration.ofSeconds(15));
    appendN(3);
    Collector c = new Collector();
    dispatcher.subscribe(c);
    Await.until("the client joined", WAIT, () -> dispatcher.clients() == 1);
    List<Long> later = appendN(2);
    awaitCursors(c, later);
  }

  @Test
  void aResumingClientGetsExactlyWhatItMissedThenTheLiveStream() throws IOException {
    start(Duration.ofSeconds(15));
    List<Long> first = appendN(5);
    Collector c = new Collector();
    dispatcher.subscribeAfter(c, first.get(1));
    awaitCursors(c, first.subList(2, 5));
    List<Long> expected = new ArrayList<>(first.subList(2, 5));
    expected.addAll(appendN(2));
    awaitCursors(c, expected);
  }

  @Test
  void resumingAfterARestartGetsWhatWasAppendedSinceItsCursor() throws IOException {
    start(Duration.ofSeconds(15));
    List<Long> before = appendN(3);
    dispatcher.close();
    history.close();
    start(Duration.ofSeconds(15));
    record = 0; // the watcher replays every checkpoint after a restart: kept once only
    appendN(3);
    List<Long> after = appendN(2);
    Collector c = new Collector();
    dispatcher.subscribeAfter(c, before.get(0));
    List<Long> expected = new ArrayList<>(before.subList(1, 3));
    expected.addAll(after);
    awaitCursors(c, expected);
  }

  @Test
  void aClientFarBehindCatchesUpInSlicesWhileAppendsGoOnAndMissesNothing() throws IOException {
    start(Duration.ofSeconds(15));
    List<Long> all = appendN(EventDispatcher.SLICE * 2 + 500);
    Collector c = new Collector();
    Collector live = new Collector();
    dispatcher.subscribe(live);
    Await.until("the live client joined", WAIT, () -> dispatcher.clients() == 1);
    dispatcher.subscribeAfter(c, -1);
    List<Long> more = appendN(300);
    all.addAll(more);
    awaitCursors(c, all);
    awaitCursors(live, more);
    assertTrue(LongStream.range(1, all.size()).allMatch(i -> all.get((int) i) > all.get((int) i - 1)));
  }

  @Test
  void everyClientGetsAKeepaliveCommentEachInterval() throws IOException {
    start(Duration.ofMillis(50));
    Collector c = new Collector();
    dispatcher.subscribe(c);
    Await.until("two keepalives", WAIT, () -> c.comments.size() >= 2);
    assertEquals("keepalive", c.comments.get(0));
  }
}
