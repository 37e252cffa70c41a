package dev.thermos.observer.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  private static final long T0 = 1_780_000_000_000L;
  private static final double INF = Double.POSITIVE_INFINITY;
  @TempDir Path dir;
  private final AtomicLong nowMs = new AtomicLong(T0);

  private History open() throws IOException {
    return History.open(dir, Duration.ofDays(7), nowMs::get);
  }

  private static Transition t(String task, String process, int run, String state, double at, long rec) {
    return new Transition(task, process, run, state, at, null, rec);
  }

  private double now() {
    return nowMs.get() / 1000.0;
  }

  @Test
  void aTaskRangeHoldsItsTransitionsSamplesAndDiskInTheRangeOnly() throws IOException {
    try (History h = open()) {
      h.append(t("a", null, -1, "ACTIVE", now(), 1));
      h.append(t("b", null, -1, "ACTIVE", now(), 1));
      h.append(new ResourceSample("a", "p", 0, now(), 0.5, 1000, 2));
      nowMs.addAndGet(60_000);
      h.append(new Transition("a", "p", 0, "SUCCESS", now(), 0, 5));
      h.append(new ResourceSample("a", "p", 0, now(), 0.25, 2000, 3));
      h.append(new ResourceSample("b", "q", 0, now(), 1.0, 9, 1));
      h.append(new DiskSample("a", now(), 4096));

      TaskHistory all = h.query("a", -INF, INF);
      assertEquals(List.of("ACTIVE", "SUCCESS"),
          all.transitions().stream().map(x -> x.transition().state()).toList());
      assertEquals(0, all.transitions().get(1).transition().returnCode());
      assertEquals(List.of(1000L, 2000L), all.samples().stream().map(ResourceSample::rssBytes).toList());
      assertEquals(List.of(new DiskSample("a", now(), 4096)), all.disk());

      TaskHistory later = h.query("a", now() - 1, now());
      assertEquals(List.of("SUCCESS"),
          later.transitions().stream().map(x -> x.transition().state()).toList());
      assertEquals(List.of(new ResourceSample("a", "p", 0, now(), 0.25, 2000, 3)), later.samples());
      assertTrue(h.query("nobody", -INF, INF).samples().isEmpty());
      assertFalse(h.knows("nobody"));
      assertTrue(h.knows("b"));
    }
  }

  @Test
  void cursorsAscendInAppendOrderAndNameTheEventsOnTheTail() throws IOException {
    try (History h = open()) {
      long c1 = h.append(t("a", null, -1, "ACTIVE", now(), 1));
      h.append(new ResourceSample("a", "p", 0, now(), 0.5, 1000, 2));
      long c2 = h.append(t("a", "p", 0, "RUNNING", now(), 2));
      long c3 = h.append(t("a", "p", 0, "SUCCESS", now(), 3));
      assertTrue(c1 < c2 && c2 < c3);
      assertEquals(c3, h.lastTransitionCursor());
      assertEquals(List.of(c2, c3), tailAfter(h, c1));
      assertEquals(List.of(c1, c2, c3), tailAfter(h, -1));
      assertEquals(List.of(), tailAfter(h, c3));
    }
  }

  @Test
  void aReopenedHistoryKeepsEverythingAndResumesAfterACursor() throws IOException {
    long c1;
    long c2;
    try (History h = open()) {
      c1 = h.append(t("a", null, -1, "ACTIVE", now(), 1));
      h.append(new ResourceSample("a", "p", 0, now(), 0.5, 1000, 2));
      c2 = h.append(t("a", "p", 0, "RUNNING", now(), 2));
    }
    nowMs.addAndGet(Duration.ofHours(3).toMillis());
    try (History h = open()) {
      assertEquals(c2, h.lastTransitionCursor());
      TaskHistory before = h.query("a", now() - 4 * 3600, now());
      assertEquals(2, before.transitions().size());
      assertEquals(1, before.samples().size());
      long c3 = h.append(t("a", "p", 0, "SUCCESS", now(), 3));
      assertEquals(List.of(c2, c3), tailAfter(h, c1));
    }
  }

  @Test
  void transitionsReplayedAfterARestartAreNotKeptTwice() throws IOException {
    try (History h = open()) {
      for (int i = 0; i < 3; i++) {
        assertTrue(h.append(t("a", "p", 0, "S" + i, now(), i)) >= 0);
      }
      assertEquals(-1, h.append(t("a", "p", 0, "S1", now(), 1)));
    }
    try (History h = open()) {
      List<Long> kept = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        kept.add(h.append(t("a", "p", 0, "S" + i, now(), i)));
      }
      assertEquals(List.of(-1L, -1L, -1L), kept.subList(0, 3));
      assertTrue(kept.get(3) > 0 && kept.get(4) > kept.get(3));
      assertEquals(List.of("S0", "S1", "S2", "S3", "S4"), h.query("a", -INF, INF).transitions()
          .stream().map(x -> x.transition().state()).toList());
    }
  }

  @Test
  void filesOlderThanTheRetentionAreDeletedAndForgotten() throws IOException {
    try (History h = open()) {
      h.append(t("a", null, -1, "ACTIVE", now(), 1));
      h.append(new ResourceSample("a", "p", 0, now(), 0.5, 1000, 2));
      nowMs.addAndGet(Duration.ofDays(3).toMillis());
      h.append(new ResourceSample("a", "p", 0, now(), 0.5, 3000, 2));
      assertEquals(2, cycleFiles());
      nowMs.addAndGet(Duration.ofDays(5).toMillis());
      long c = h.append(t("b", null, -1, "ACTIVE", now(), 1));
      assertEquals(2, cycleFiles());
      TaskHistory a = h.query("a", -INF, INF);
      assertEquals(List.of(), a.transitions());
      assertEquals(List.of(3000L), a.samples().stream().map(ResourceSample::rssBytes).toList());
      assertEquals(List.of(c), tailAfter(h, -1));
    }
    nowMs.addAndGet(Duration.ofDays(7).plusHours(1).toMillis());
    try (History h = open()) {
      assertEquals(List.of(), h.query("b", -INF, INF).transitions());
      assertEquals(0, cycleFiles());
    }
  }

  @Test
  void aTransitionOlderThanTheRetentionIsNotKept() throws IOException {
    try (History h = open()) {
      assertEquals(-1, h.append(t("old", null, -1, "SUCCESS", now() - 8 * 86400, 4)));
      assertTrue(h.append(t("old", null, -1, "SUCCESS", now() - 6 * 86400, 5)) >= 0);
    }
  }

  private long cycleFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".cq4")).count();
    }
  }

  private static List<Long> tailAfter(History h, long cursor) {
    List<Long> out = new ArrayList<>();
    try (TransitionTail tail = h.tail().after(cursor)) {
      tail.read(1000, x -> out.add(x.cursor()));
    }
    return out;
  }
}
