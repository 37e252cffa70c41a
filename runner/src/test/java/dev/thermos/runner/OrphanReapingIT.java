package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, defect 5: orphans a run leaves are reaped as they end (each coordinator is their child
 * subreaper), not kept as zombies under the runner until the task ends.
 */
class OrphanReapingIT {
  /** The orphan loop may take many seconds on a loaded machine. */
  private static final long LOOP_DEADLINE_SECONDS = 120;

  @TempDir Path root;

  @Test
  void twoThousandShortLivedOrphansDoNotStayZombiesWhileTheRunGoesOn() throws Exception {
    long runner = ProcessHandle.current().pid();
    int before = zombiesBelow(runner);  // other tests' leftovers in this JVM, if any
    TaskHarness harness = new TaskHarness(root, "orphans");
    LiveTask task = harness.start("""
        {"name": "orphans", "processes": [{"name": "p", "cmdline":
          "for i in $(seq 2000); do (sleep 0.01 &); done; echo done > left; exec sleep 120"}]}""");
    task.awaitProcess("p", ProcessState.RUNNING);
    Path left = harness.sandbox().resolve("left");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOOP_DEADLINE_SECONDS);
    while (!Files.exists(left)) {
      assertTrue(System.nanoTime() < deadline && !task.ended(), "the orphan loop never ended");
      Thread.sleep(50);
    }
    task.awaitTrue("fewer than 10 new zombies below the runner while the run is alive",
        () -> zombiesBelow(runner) - before < 10);
    task.stop(StopRequest.KILL);
    task.await();
  }

  /** Zombies among the descendants of {@code ancestor}, from /proc. */
  private static int zombiesBelow(long ancestor) {
    Map<Long, List<Long>> children = new HashMap<>();
    Set<Long> zombies = new HashSet<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path dir : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String stat = readOrNull(dir.resolve("stat"));
        if (stat == null) {
          continue;  // ended meanwhile
        }
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(dir.getFileName().toString());
        children.computeIfAbsent(Long.parseLong(after[1]), k -> new java.util.ArrayList<>())
            .add(pid);
        if (after[0].equals("Z")) {
          zombies.add(pid);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    int count = 0;
    Deque<Long> todo = new ArrayDeque<>(List.of(ancestor));
    while (!todo.isEmpty()) {
      for (long child : children.getOrDefault(todo.pop(), List.of())) {
        count += zombies.contains(child) ? 1 : 0;
        todo.push(child);
      }
    }
    return count;
  }

  private static String readOrNull(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
