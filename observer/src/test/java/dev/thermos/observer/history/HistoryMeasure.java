package dev.thermos.observer.history;

import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures the history with TASKS tasks sampled ROUNDS times each (interleaved, as the
 * sampler appends them, 5 s apart on an injected clock): append rate, reopening (the index rebuilt
 * by one scan), one task's whole range through the cursor index, and the same answer by scanning
 * everything. Run: {@code java <chronicle flags> -cp <test classpath>
 * dev.thermos.observer.history.HistoryMeasure DIR [TASKS] [ROUNDS]}.
 */
public final class HistoryMeasure {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    AtomicLong now = new AtomicLong(1_780_000_000_000L);
    long t0 = System.nanoTime();
    try (History h = History.open(dir, Duration.ofDays(7), now::get)) {
      for (int i = 0; i < tasks; i++) {
        h.append(new Transition("task-" + i, "p", 0, "RUNNING", now.get() / 1000.0, null, 1));
      }
      for (int r = 0; r < rounds; r++) {
        now.addAndGet(5000);
        for (int i = 0; i < tasks; i++) {
          h.append(new ResourceSample("task-" + i, "p", 0, now.get() / 1000.0, 0.5, 1 << 20, 3));
        }
      }
      long records = (long) tasks * (rounds + 1);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("appended %d records in %.2f s (%.0f/s); files %d MB; index %d KB%n",
          records, secs, records / secs, size(dir) >> 20, h.indexBytes() >> 10);
    }
    long t1 = System.nanoTime();
    try (History h = History.open(dir, Duration.ofDays(7), now::get)) {
      System.out.printf("reopened (index rebuilt) in %.0f ms%n", (System.nanoTime() - t1) / 1e6);
      for (int run = 0; run < 5; run++) {
        long q0 = System.nanoTime();
        TaskHistory one = h.query("task-" + (run * 97 % tasks), Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY);
        long q1 = System.nanoTime();
        TaskHistory hour = h.query("task-" + (run * 97 % tasks), now.get() / 1000.0 - 3600,
            now.get() / 1000.0);
        long q2 = System.nanoTime();
        int scanned = scan(h, "task-" + (run * 97 % tasks));
        long q3 = System.nanoTime();
        System.out.printf("one task: all %d samples %.1f ms; last hour %d samples %.1f ms;"
            + " full scan %d transitions %.1f ms%n", one.samples().size(), (q1 - q0) / 1e6,
            hour.samples().size(), (q2 - q1) / 1e6, scanned, (q3 - q2) / 1e6);
      }
    }
  }

  /** Reads every excerpt (what a query without the index would do), counting the task's. */
  private static int scan(History h, String taskId) {
    int[] n = {0};
    try (TransitionTail tail = h.tail().after(-1)) {
      tail.read(Integer.MAX_VALUE, t -> {
        if (t.transition().taskId().equals(taskId)) {
          n[0]++;
        }
      });
    }
    return n[0];
  }

  private static long size(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
