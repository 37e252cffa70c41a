package dev.thermos.bench;

import java.io.IOException;
import java.util.List;

/** Times a task: discards some warm-up runs (JIT, page cache), then records the timed ones. */
final class Measure {
  /** One run of the measured work; returns a value that depends on the work, so it is not elided. */
  @FunctionalInterface
  interface Task {
    long run() throws Exception;
  }

  /** Sink for results, so the JIT cannot drop the work. */
  private static volatile long sink;

  private Measure() {}

  /** Runs {@code command} with stdout to /dev/null; fails unless it exits 0. */
  static long command(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command + " exited " + exit);
    }
    return exit;
  }

  static Samples repeat(int warmups, int runs, Task task) throws Exception {
    for (int i = 0; i < warmups; i++) {
      sink += task.run();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      sink += task.run();
      nanos[i] = System.nanoTime() - start;
    }
    return new Samples(nanos);
  }
}
