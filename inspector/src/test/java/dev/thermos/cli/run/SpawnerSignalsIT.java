package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP and SIGINT reach the whole process group of a runner started from a terminal (the
 * terminal closed, Ctrl-C): the spawner survives them (the runner decides what they mean) and its
 * processes do not inherit them ignored.
 */
class SpawnerSignalsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int SIGHUP = 1;
  private static final long HUP_AND_INT_BITS = 0b11;

  @TempDir Path dir;

  @Test
  void theSpawnerSurvivesSighupAndSigint() throws Exception {
    TestTask task = TestTask.prepare(dir, "spawner-signals.json", "spawner-signals");
    RunnerJvm runner = task.start("runner");
    task.awaitFile("ready.first", runner, TIMEOUT);
    int spawner = RunnerDescendants.of(runner.pid()).spawner()
        .orElseThrow(() -> new AssertionError("no spawner under the runner"));
    LibC.kill(spawner, SIGHUP);
    LibC.kill(spawner, RunnerJvm.SIGINT);
    Files.createFile(task.sandbox().resolve("go"));
    // "second" is launched after the signals: by the same spawner if it survived them.
    task.awaitFile("ready.second", runner, TIMEOUT);
    assertEquals(spawner, RunnerDescendants.of(runner.pid()).spawner().orElse(-1),
        runner.output());
    Files.createFile(task.sandbox().resolve("go.second"));
    assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
    String sigign = task.sandboxFile("sigign.second");
    long ignored = Long.parseLong(sigign.substring(sigign.indexOf(':') + 1).trim(), 16);
    assertTrue((ignored & HUP_AND_INT_BITS) == 0, "the process ignores SIGHUP or SIGINT: " + sigign);
  }
}
