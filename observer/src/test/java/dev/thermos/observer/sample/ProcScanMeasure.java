package dev.thermos.observer.sample;

import dev.thermos.observer.event.RunningProcess;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Not a test: measures one sampling round over N real process trees ({@code sh -c 'sleep; true'},
 * two processes each) two ways: one full /proc scan building the parent map (what the sampler
 * does), and a walk of /proc/PID/task/TID/children from each root with a stat read per process.
 * Run: {@code java -cp <test classpath> dev.thermos.observer.sample.ProcScanMeasure [N] [ROUNDS]}.
 */
public final class ProcScanMeasure {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<Process> trees = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        trees.add(new ProcessBuilder("/bin/sh", "-c", "sleep 600; true").start());
      }
      while (trees.stream().anyMatch(p -> p.descendants().findAny().isEmpty())) {
        Thread.sleep(50);
      }
      List<RunningProcess> running = new ArrayList<>();
      for (Process p : trees) {
        double start = p.info().startInstant().orElseThrow().toEpochMilli() / 1000.0;
        running.add(new RunningProcess("t" + p.pid(), "p", 0, (int) p.pid(), start, null));
      }
      long procs;
      try (var s = Files.list(Path.of("/proc"))) {
        procs = s.filter(x -> Character.isDigit(x.getFileName().toString().charAt(0))).count();
      }
      System.out.printf("%d trees, %d processes on the host%n", n, procs);
      ProcFs proc = new ProcFs(Path.of("/proc"), LibC.clockTicks(), LibC.pageBytes());
      for (int warm = 0; warm < 4; warm++) {
        time("full scan", rounds, () -> fullScan(proc, running));
        time("children", rounds, () -> childrenWalk(running));
      }
    } finally {
      trees.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
      trees.forEach(Process::destroyForcibly);
    }
  }

  interface Round {
    int run() throws IOException;
  }

  private static void time(String what, int rounds, Round round) throws IOException {
    long best = Long.MAX_VALUE;
    long total = 0;
    int samples = 0;
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      samples = round.run();
      long t = System.nanoTime() - t0;
      best = Math.min(best, t);
      total += t;
    }
    System.out.printf("%-10s best %6.1f ms, mean %6.1f ms (%d samples)%n", what, best / 1e6,
        total / 1e6 / rounds, samples);
  }

  private static int fullScan(ProcFs proc, List<RunningProcess> running) throws IOException {
    double now = System.currentTimeMillis() / 1000.0;
    return new ProcessTreeSampler().sample(running, proc.snapshot(), now - proc.uptimeSecs(), now,
        proc.clockTicksPerSec(), proc.pageBytes()).size();
  }

  private static int childrenWalk(List<RunningProcess> running) throws IOException {
    int sampled = 0;
    for (RunningProcess rp : running) {
      long rss = 0;
      Deque<Integer> todo = new ArrayDeque<>(List.of(rp.pid()));
      while (!todo.isEmpty()) {
        int pid = todo.pop();
        try {
          rss += ProcStat.parse(Files.readString(Path.of("/proc/" + pid + "/stat"))).rssPages();
          try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
              for (String c : Files.readString(task.resolve("children")).trim().split(" ")) {
                if (!c.isEmpty()) {
                  todo.push(Integer.parseInt(c));
                }
              }
            }
          }
        } catch (IOException e) {
          // gone
        }
      }
      if (rss > 0) {
        sampled++;
      }
    }
    return sampled;
  }
}
