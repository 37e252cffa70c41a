package dev.thermos.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The observer over a root of {@code FINISHED} finished and {@code ACTIVE} active tasks
 * ({@link ObserverRoot}), started as an operator starts it ({@code bin/thermos observe}):
 * time from start to the first complete {@code /j/task_ids}; p50/p99 latency of
 * {@code /j/task_ids/all/0/20} and {@code /api/v1/tasks?limit=50} under {@code CLIENTS} concurrent
 * clients on loopback, with {@code /health} as the floor (the same clients and connections doing
 * the least a request can); the delay from an appended record to its event; idle CPU over
 * {@code IDLE_SECONDS}; resident memory.
 *
 * <p>Usage: {@code ObserverBenchmark THERMOS ROOT HISTORY_DIR [FINISHED] [ACTIVE] [CLIENTS]
 * [REQUESTS] [IDLE_SECONDS]}
 */
public final class ObserverBenchmark {
  private static final Pattern COUNT = Pattern.compile("\"task_count\":(\\d+)");

  private ObserverBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path script = Path.of(args[0]);
    Path root = Path.of(args[1]);
    Path history = Path.of(args[2]);
    int finished = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    int active = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
    int clients = args.length > 5 ? Integer.parseInt(args[5]) : 16;
    int requests = args.length > 6 ? Integer.parseInt(args[6]) : 300;
    int idleSeconds = args.length > 7 ? Integer.parseInt(args[7]) : 30;
    ObserverRoot.generate(root, finished, active);
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "observe", "--root",
        root.toString(), "--port", Integer.toString(port), "--history", history.toString());
    pb.environment().put("THERMOS_NO_REBUILD", "1");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    Process observer = pb.start();
    try {
      HttpLoad http = new HttpLoad(port);
      double startupMs = awaitComplete(http, finished + active, observer) / 1e6;
      double startupCpu = ProcStat.cpuSeconds(observer.pid());
      Report.row("observer: start to first complete /j/task_ids (" + (finished + active)
          + " tasks; its CPU time by then)", String.format(Locale.ROOT, "%,.0f ms (%.1f s)",
          startupMs, startupCpu), "< 3,000 ms", startupMs < 3000);
      latency(http, clients, requests, observer.pid());
      events(port, root, http);
      idle(observer.pid(), idleSeconds);
      double rss = ProcStat.statusMib(observer.pid(), "VmRSS");
      double peak = ProcStat.statusMib(observer.pid(), "VmHWM");
      Report.row("observer: resident memory now (peak)",
          String.format(Locale.ROOT, "%.0f MiB (%.0f MiB)", rss, peak), "< 300 MiB", peak < 300);
    } finally {
      observer.destroy();
      observer.waitFor();
    }
  }

  private static long awaitComplete(HttpLoad http, int tasks, Process observer) throws Exception {
    long start = System.nanoTime();
    while (true) {
      if (!observer.isAlive()) {
        throw new IOException("the observer exited " + observer.exitValue());
      }
      try {
        Matcher m = COUNT.matcher(http.get("/j/task_ids/all/0/20"));
        if (m.find() && Integer.parseInt(m.group(1)) == tasks) {
          return System.nanoTime() - start;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(10);
    }
  }

  /**
   * Latency under load, and the observer's CPU time per request over the same run (independent
   * of how busy the machine is: on a shared machine the latency is mostly waiting for a core).
   */
  private static void latency(HttpLoad http, int clients, int requests, long pid)
      throws Exception {
    List<String> paths = List.of("/health", "/j/task_ids/all/0/20", "/api/v1/tasks?limit=50",
        "/api/v1/tasks?state=active&limit=50");
    for (String path : paths) {
      http.run(path, clients, requests / 3); // warm-up: JIT, connections
    }
    for (String path : paths) {
      double cpuBefore = ProcStat.cpuSeconds(pid);
      long[] sorted = http.run(path, clients, requests);
      double cpuPerRequestMs = (ProcStat.cpuSeconds(pid) - cpuBefore) * 1000 / sorted.length;
      double p50 = HttpLoad.percentileMs(sorted, 50);
      double p99 = HttpLoad.percentileMs(sorted, 99);
      String label = "observer: " + path + ", " + clients + " clients, p50 / p99 (CPU a request)";
      String result = String.format(Locale.ROOT, "%.1f / %.1f ms (%.2f ms)", p50, p99,
          cpuPerRequestMs);
      if (path.equals("/health")) {
        Report.row(label + " (floor)", result);
      } else {
        Report.row(label, result, "p99 < 50 ms", p99 < 50);
      }
    }
  }

  private static void events(int port, Path root, HttpLoad http) throws Exception {
    EventDelay delay = new EventDelay(port, root, ObserverRoot.activeId(0));
    String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
    long[] streamed = delay.streamed(40, "sse" + run + "x");
    if (streamed == null) {
      Report.row("observer: append to /api/v1/events, median", "n/a (no /api/v1/events)",
          "< 100 ms", false);
    } else {
      double median = HttpLoad.percentileMs(streamed, 50);
      Report.row("observer: append to /api/v1/events, median / p90", String.format(Locale.ROOT,
          "%.1f / %.1f ms", median, HttpLoad.percentileMs(streamed, 90)), "median < 100 ms",
          median < 100);
    }
    long[] polled = delay.polled(http, 40, "poll" + run + "x");
    Report.row("observer: append to /api/v1/tasks/{id}, median / p90", String.format(Locale.ROOT,
        "%.1f / %.1f ms", HttpLoad.percentileMs(polled, 50), HttpLoad.percentileMs(polled, 90)));
  }

  private static void idle(long pid, int seconds) throws Exception {
    Thread.sleep(3000); // let the load's garbage collection and compilation settle
    double before = ProcStat.cpuSeconds(pid);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double used = ProcStat.cpuSeconds(pid) - before;
    double percent = 100 * used / ((System.nanoTime() - start) / 1e9);
    Report.row("observer: idle CPU over " + seconds + " s", String.format(Locale.ROOT,
        "%.2f %% of a core", percent), "< 2 %", percent < 2);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
