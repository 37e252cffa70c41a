package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process of the task double-forks a grandchild that calls setsid (a session of its own, so
 * neither the run's process group nor its session holds it) and ignores SIGTERM: whatever way the
 * task ends, nothing of it is alive afterwards.
 */
class TreeKillIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void anOrphanInASessionOfItsOwnDiesWhenTheTaskSucceeds() throws Exception {
    TestTask task = TestTask.prepare(dir, "tree.json", "tree");
    RunnerJvm runner = task.start("runner", "-E", "hold=");
    assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
    assertOrphanWasAliveAndIsGone(task);
  }

  @Test
  void anOrphanInASessionOfItsOwnDiesWhenTheTaskIsKilled() throws Exception {
    TestTask task = TestTask.prepare(dir, "tree.json", "tree");
    RunnerJvm runner = task.start("runner", "-E", "hold=1");
    task.awaitFile("orphan.pid", runner, TIMEOUT);
    runner.signal(15);
    assertEquals(3, runner.exitCode(TIMEOUT), runner.output());
    assertOrphanWasAliveAndIsGone(task);
  }

  @Test
  void anOrphanOfACrashedRunnerDiesWhenTheRestartedRunnerEndsTheTask() throws Exception {
    TestTask task = crashedAfterTheOrphanStarted("tree", "-E", "hold=1");
    RunnerJvm second = task.start("second", "-E", "hold=1");
    assertTrue(second.awaitOutput("task ACTIVE", TIMEOUT), second.output());
    second.signal(15);
    assertEquals(3, second.exitCode(TIMEOUT), second.output());
    assertOrphanWasAliveAndIsGone(task);
  }

  @Test
  void anOrphanWithoutTheTasksEnvironmentLeftByACrashedRunnerDiesWithTheTask() throws Exception {
    // Neither ancestry (re-parented to init when the runner died) nor the environment marker
    // (env -i) can find this one: only the task's cgroup holds it.
    assumeTrue(TaskCgroups.writable(), "no writable cgroup v2 here, or THERMOS_CGROUP=off");
    TestTask task = crashedAfterTheOrphanStarted("tree-hidden");
    RunnerJvm second = task.start("second");
    assertTrue(second.awaitOutput("task ACTIVE", TIMEOUT), second.output());
    second.signal(15);
    assertEquals(3, second.exitCode(TIMEOUT), second.output());
    assertOrphanWasAliveAndIsGone(task);
    assertFalse(Files.exists(Path.of(Files.readString(
        task.paths().cgroupRecord(task.taskId())).trim())), "the task's cgroup is removed");
  }

  @Test
  void forcedKillAfterARunnerCrashReachesAnOrphanWithoutTheTasksEnvironment() throws Exception {
    assumeTrue(TaskCgroups.writable(), "no writable cgroup v2 here, or THERMOS_CGROUP=off");
    TestTask task = crashedAfterTheOrphanStarted("tree-hidden");
    RunnerJvm kill = RunnerJvm.command(task.logs(), "kill", "kill", "--force", "--root",
        task.root().toString(), task.taskId());
    assertEquals(0, kill.exitCode(TIMEOUT), kill.output());
    assertOrphanWasAliveAndIsGone(task);
  }

  /** Starts task {@code name} ({@code name.json}) and SIGKILLs its runner once the orphan lives. */
  private TestTask crashedAfterTheOrphanStarted(String name, String... extra) throws Exception {
    TestTask task = TestTask.prepare(dir, name + ".json", name);
    RunnerJvm first = task.start("first", extra);
    task.awaitFile("orphan.pid", first, TIMEOUT);
    first.crash();
    return task;
  }

  private static void assertOrphanWasAliveAndIsGone(TestTask task) throws Exception {
    String orphan = task.sandboxFile("orphan.pid");
    assertFalse(orphan == null, "the grandchild never started");
    TaskProcesses.awaitNoneIn(task.dir(), TIMEOUT);
    Path pids = task.dir().resolve("orphan.pids");
    Files.writeString(pids, orphan + "\n");
    assertEquals(List.of(), TaskProcesses.aliveOf(pids, task.dir()));
  }
}
