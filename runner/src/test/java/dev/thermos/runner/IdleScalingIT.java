package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.TaskConfigLoader;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle-based scaling with real processes: each copy writes what its cue file says ("busy", or
 * "idle" without one) to its {@code {{thermos.status_file}}}; the number of copies follows the
 * rule (one more while none is idle, one fewer while more than one is idle) and never leaves
 * [1, 3].
 */
class IdleScalingIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path root;

  private int count(String taskId) throws Exception {
    String template = TaskTemplate.read(new TaskPaths(root).checkpointDirectory(taskId))
        .orElseThrow();
    return TaskConfigLoader.parse(template, "template").processes().get(0).options()
        .idleScaling().count();
  }

  /** Waits until there are {@code n} copies; every count seen on the way is kept. */
  private void awaitCount(String taskId, int n, List<Integer> seen) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    int c;
    while ((c = count(taskId)) != n) {
      seen.add(c);
      assertTrue(System.nanoTime() < end, "still " + c + " copies, not " + n + ": " + seen);
      Thread.sleep(20);
    }
    seen.add(c);
  }

  @Test
  void theCopiesFollowTheirIdlenessWithinMinAndMax() throws Exception {
    TaskHarness h = new TaskHarness(root, "pool");
    LiveTask live = h.start("""
        {"name": "pool", "processes": [
          {"name": "w", "daemon": true, "ephemeral": true,
           "instances": {"min": 1, "max": 3, "min_idle": 1, "max_idle": 1, "interval": 0.3},
           "cmdline": "trap 'exit 0' TERM; echo 1 > up.{{thermos.instance}}; while :; do s=$(cat cue.{{thermos.instance}} 2>/dev/null || echo idle); echo $s > {{thermos.status_file}}.tmp; mv {{thermos.status_file}}.tmp {{thermos.status_file}}; sleep 0.05; done"},
          {"name": "main", "cmdline": "while [ ! -e stop ]; do sleep 0.05; done"}]}""");
    Path box = h.sandbox();
    List<Integer> seen = new ArrayList<>();
    live.awaitFile("up.0");
    assertEquals(1, count("pool"), "one copy idle: between the bounds");
    Files.writeString(box.resolve("cue.0"), "busy");
    awaitCount("pool", 2, seen);  // none idle: one more
    live.awaitFile("up.1");
    Files.writeString(box.resolve("cue.1"), "busy");
    awaitCount("pool", 3, seen);
    live.awaitFile("up.2");
    Files.writeString(box.resolve("cue.2"), "busy");  // none idle, but at max: stays 3
    Thread.sleep(1000);
    seen.add(count("pool"));
    assertEquals(3, count("pool"), "never above max");
    for (int i = 0; i < 3; i++) {
      Files.delete(box.resolve("cue." + i));  // all idle: down one at a time to one
    }
    awaitCount("pool", 1, seen);
    Thread.sleep(1000);
    seen.add(count("pool"));
    assertEquals(1, count("pool"), "never below min");
    assertTrue(seen.stream().allMatch(c -> c >= 1 && c <= 3), "counts seen: " + seen);
    List<Integer> changes = new ArrayList<>();
    for (int c : seen) {
      if (changes.isEmpty() || changes.get(changes.size() - 1) != c) {
        changes.add(c);
      }
    }
    assertEquals(List.of(1, 2, 3, 2, 1), changes, "one copy at a time: " + seen);
    Files.writeString(box.resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
  }
}
