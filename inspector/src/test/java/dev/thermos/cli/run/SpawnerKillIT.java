package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the runner's spawner, again and again while a chain of 40 short processes and one
 * long process run: the runner starts a new spawner each time, a launch the dying spawner lost is
 * launched again, coordinators already running are still followed to their end. Every process runs
 * exactly once and succeeds; nothing is recorded that no coordinator wrote.
 */
class SpawnerKillIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_KILLS = 30;
  private static final int MIN_KILLS = 5;

  @TempDir Path dir;

  @Test
  void killedSpawnersAreReplacedAndEveryProcessRunsOnce() throws Exception {
    TestTask task = TestTask.prepare(dir, "spawner-kill.json", "spawner-kill");
    long seed = System.nanoTime();
    RunnerJvm runner = task.start("runner");
    int kills = killSpawners(runner, new Random(seed));
    assertEquals(0, runner.exitCode(TIMEOUT), "seed " + seed + "\n" + runner.output());
    assertTrue(kills >= MIN_KILLS, "only " + kills + " spawners were killed");
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(TaskState.SUCCESS, outcome.end(), outcome.toString());
    assertEquals(41, outcome.runs().size(), outcome.toString());
    outcome.runs().forEach((process, runs) ->
        assertEquals(List.of("SUCCESS(0)"), runs, process + " (seed " + seed + "): " + outcome));
    for (int i = 0; i < 40; i++) {
      String name = String.format("c%02d", i);
      assertEquals("run", task.sandboxFile("count." + name), name + " ran once");
    }
    assertEquals("1", task.sandboxFile("count.long"), "the long process ran once");
    assertNull(task.sandboxFile("overlap"), "two runs of the long process at once");
    assertEquals(List.of(), CoordinatorRecords.differences(task.root(), task.taskId(), true));
  }

  /**
   * SIGKILLs each spawner the runner starts, a random few milliseconds after it appears (so that
   * some die in the middle of a launch), until the runner ends or {@link #MAX_KILLS} died.
   */
  private static int killSpawners(RunnerJvm runner, Random random) throws Exception {
    Set<Integer> killed = new HashSet<>();
    while (runner.isAlive() && killed.size() < MAX_KILLS) {
      Optional<Integer> spawner = RunnerDescendants.of(runner.pid()).spawner();
      if (spawner.isEmpty() || killed.contains(spawner.get())) {
        Thread.sleep(1);
        continue;
      }
      Thread.sleep(random.nextInt(15));
      try {
        LibC.kill(spawner.get(), LibC.SIGKILL);
      } catch (LastErrorException e) {
        // it ended with its runner
      }
      killed.add(spawner.get());
    }
    return killed.size();
  }
}
