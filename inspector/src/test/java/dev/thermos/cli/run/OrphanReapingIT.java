package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that leaves 300 short-lived orphans behind and ends: once they died, they are reaped
 * while the task still runs (by the spawner, a child subreaper), instead of staying zombies under
 * the runner until the task ends.
 */
class OrphanReapingIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_ZOMBIES = 10;

  @TempDir Path dir;

  @Test
  void orphansOfAnEndedProcessAreReapedWhileTheTaskRuns() throws Exception {
    TestTask task = TestTask.prepare(dir, "orphans.json", "orphans");
    RunnerJvm runner = task.start("runner");
    task.awaitFile("made.orphans", runner, TIMEOUT);
    long until = System.nanoTime() + TIMEOUT.toNanos();
    while (RunnerDescendants.of(runner.pid()).alive("sleep 0.3") > 0) {
      assertTrue(System.nanoTime() < until, "the orphans did not end");
      Thread.sleep(10);
    }
    // Every orphan has died; those not reaped yet are zombies. Reaping follows each death at
    // once, so the count falls under the bound; without it, it stays at 300.
    int zombies = RunnerDescendants.of(runner.pid()).zombies();
    while (zombies >= MAX_ZOMBIES && System.nanoTime() < until) {
      Thread.sleep(10);
      zombies = RunnerDescendants.of(runner.pid()).zombies();
    }
    assertTrue(zombies < MAX_ZOMBIES, zombies + " zombies under the runner");
    Files.createFile(task.sandbox().resolve("go"));
    assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
  }
}
