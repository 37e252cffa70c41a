package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.runner.StopJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code thermos run} SIGKILLed at random moments and started again with the same root and task
 * id, until it ends: every round must end as an uninterrupted run of the same task does. The task
 * ({@code run/crash.json}) has ordering, a retried process, a daemon, a final process, a process
 * restarted with a {@code restart_backoff}, two {@code instances} with an {@code env}, a
 * {@code success_codes} exit, a process stopped by {@code max_runtime} through its
 * {@code stop_signals} (twice), one failing its health check once and one waiting for it to be
 * healthy; its
 * processes count their runs, detect a second copy of themselves (a flock) and write down their
 * pids. Two rounds run at a time. Seeds are logged; {@code -Dthermos.crash.seed=S
 * -Dthermos.crash.rounds=N} replays rounds.
 */
class RunnerCrashIT {
  private static final int ROUNDS = Integer.getInteger("thermos.crash.rounds", 50);
  private static final long SEED = Long.getLong("thermos.crash.seed", System.currentTimeMillis());
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  private static final TaskOutcome EXPECTED = new TaskOutcome(
      List.of(TaskState.ACTIVE, TaskState.CLEANING, TaskState.FINALIZING, TaskState.SUCCESS),
      Map.ofEntries(Map.entry("setup", List.of("SUCCESS(0)")),
          Map.entry("flaky", List.of("FAILED(1)", "SUCCESS(0)")),
          Map.entry("worker", List.of("SUCCESS(0)")),
          Map.entry("daemon", List.of("SUCCESS(0)", "SUCCESS(0)", "FAILED(1)")),
          Map.entry("slow", List.of("SUCCESS(0)")),
          Map.entry("fin", List.of("SUCCESS(0)")),
          Map.entry("backoff", List.of("FAILED(1)", "FAILED(1)", "SUCCESS(0)")),
          Map.entry("inst.0", List.of("SUCCESS(0)")),
          Map.entry("inst.1", List.of("SUCCESS(0)")),
          Map.entry("coded", List.of("SUCCESS(3)")),
          Map.entry("timed", List.of("FAILED(-9)", "FAILED(-9)")),
          Map.entry("checked", List.of("FAILED(-15)", "SUCCESS(0)")),
          Map.entry("after", List.of("SUCCESS(0)"))));

  @TempDir static Path dir;
  /** Of the uninterrupted run: from the JVM's start to the task's first status, and after. */
  private static long startupMillis;
  private static long workMillis;

  @BeforeAll
  static void anUninterruptedRunEndsAsDesigned() throws Exception {
    TestTask task = TestTask.prepare(dir.resolve("uninterrupted"), "crash.json", "crash");
    ClassArchive.path();
    long start = System.nanoTime();
    RunnerJvm jvm = task.start("runner");
    assertTrue(jvm.awaitOutput("task ACTIVE", RUN_TIMEOUT), jvm.output());
    startupMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, jvm.exitCode(RUN_TIMEOUT), jvm.output());
    workMillis = (System.nanoTime() - start) / 1_000_000 - startupMillis;
    System.out.println("RunnerCrashIT: uninterrupted run: start-up " + startupMillis + " ms, task "
        + workMillis + " ms; seeds " + SEED + " .. " + (SEED + ROUNDS - 1));
    assertEquals(EXPECTED, TaskOutcome.of(task.root(), task.taskId()));
    assertSandboxShowsEachRunOnce(task, EXPECTED);
    assertBackoffDelays(task);
    assertLaddersAndHealth(task, "uninterrupted");
  }

  /**
   * Each run of "timed" went down its ladder once (INT, then KILL at least 0.4 s later), the first
   * run of "checked" was stopped once as unhealthy, and "after" started only once a run of
   * "checked" was healthy.
   */
  private static void assertLaddersAndHealth(TestTask task, String round) throws Exception {
    List<String> steps = new ArrayList<>();
    double[] intAt = new double[2];
    for (StopJournal.Entry e : new StopJournal(task.paths().checkpointDirectory(task.taskId()))
        .read()) {
      if (e.process().equals("timed") || e.process().equals("checked")) {
        steps.add(e.process() + "/" + e.run() + " " + e.reason().jsonName() + " " + e.signal());
      }
      if (e.process().equals("timed") && e.signal().equals("INT")) {
        intAt[e.run()] = e.atSecs();
      } else if (e.process().equals("timed")) {
        assertTrue(e.atSecs() >= intAt[e.run()] + 0.4, round + ": KILL too early: " + e);
      }
    }
    assertEquals(List.of("timed/0 timeout INT", "timed/0 timeout KILL", "timed/1 timeout INT",
        "timed/1 timeout KILL", "checked/0 unhealthy TERM").stream().sorted().toList(),
        steps.stream().sorted().toList(), round);
    Map<String, List<ProcessStatus>> runs = CheckpointReplay.replay(
        task.paths().runnerCheckpoint(task.taskId())).state().getProcesses();
    assertTrue(runs.get("after").get(0).getStartTime() > runs.get("checked").get(1).getStartTime(),
        round + ": after started before checked's second run");
  }

  /**
   * The backoff process waited about 0.3 s, then 0.6 s (±10 % jitter) before its second and third
   * runs; loosely, since the runner and the machine add to every wait.
   */
  private static void assertBackoffDelays(TestTask task) throws Exception {
    List<ProcessStatus> runs = CheckpointReplay.replay(
        task.paths().runnerCheckpoint(task.taskId())).state().getProcesses().get("backoff");
    double[] least = {0.27, 0.54};
    for (int i = 1; i < runs.size(); i++) {
      double gap = runs.get(i).getStartTime() - runs.get(i - 1).getStopTime();
      assertTrue(gap >= least[i - 1] && gap < least[i - 1] + 10,
          "wait before run " + i + " of backoff: " + gap + " s");
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, ROUNDS).map(i -> SEED + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @Execution(ExecutionMode.CONCURRENT)
  void aRunnerKilledAtRandomMomentsEndsLikeAnUninterruptedRun(long seed) throws Exception {
    TestTask task = TestTask.prepare(dir.resolve("seed-" + seed), "crash.json", "crash");
    SplittableRandom random = new SplittableRandom(seed);
    List<String> history = new ArrayList<>();
    RunnerJvm last = null;
    Integer code = null;
    int kills = 1 + random.nextInt(2);
    for (int k = 0; k < kills && code == null; k++) {
      last = task.start("runner-" + k);
      String when = killAtRandom(last, random);
      if (when == null) {
        code = last.exitCode(RUN_TIMEOUT);
        history.add("exit " + code + " before its kill");
      } else {
        history.add("SIGKILL " + when);
      }
    }
    if (code == null) {
      last = task.start("runner-last");
      code = last.exitCode(RUN_TIMEOUT);
      history.add("exit " + code);
    }
    String round = "seed " + seed + ": " + history + ", "
        + Restarts.of(task.paths().runnerCheckpoint(task.taskId()));
    System.out.println("RunnerCrashIT: " + round);
    assertTrue(code == 0 || code == 105 && history.size() > 1, round + "\n" + last.output());
    checkRound(task, code == 0 ? last.pid() : 0, round);
  }

  /**
   * SIGKILLs the runner at a random moment: one time in four during its start-up (lock, replay,
   * recovery), else while it runs the task. Returns when, or null if it ended first.
   */
  private static String killAtRandom(RunnerJvm runner, SplittableRandom random) throws Exception {
    String when;
    if (random.nextInt(4) == 0) {
      long delay = random.nextLong(startupMillis + 1);
      when = delay + " ms after start";
      if (runner.awaitExit(Duration.ofMillis(delay))) {
        return null;
      }
    } else {
      long delay = random.nextLong(workMillis + 1);
      when = delay + " ms after its first status";
      if (!runner.awaitOutput("task ", RUN_TIMEOUT)
          || runner.awaitExit(Duration.ofMillis(delay))) {
        return null;
      }
    }
    runner.crash();
    return when;
  }

  private static void checkRound(TestTask task, int lastRunnerPid, String round) throws Exception {
    assertEquals(EXPECTED, TaskOutcome.of(task.root(), task.taskId()), round);
    assertSandboxShowsEachRunOnce(task, EXPECTED);
    assertEquals(List.of(), CoordinatorRecords.differences(task.root(), task.taskId(), true),
        round);
    assertTrue(Files.exists(task.paths().taskFile(TaskFileState.FINISHED, task.taskId())), round);
    assertLaddersAndHealth(task, round);
    assertFalse(Files.exists(task.paths().taskFile(TaskFileState.ACTIVE, task.taskId())), round);
    TaskProcesses.awaitNoneIn(task.dir(), RUN_TIMEOUT);
    assertEquals(List.of(), TaskProcesses.aliveOf(task.sandbox().resolve("pids"), task.dir()));
    if (lastRunnerPid != 0) {
      List<TaskStatus> statuses = CheckpointReplay.replay(
          task.paths().runnerCheckpoint(task.taskId())).state().getStatuses();
      assertEquals(lastRunnerPid, statuses.get(statuses.size() - 1).getRunnerPid(), round);
    }
  }

  /** Each process ran exactly as often as the stream says, never two copies at once. */
  private static void assertSandboxShowsEachRunOnce(TestTask task, TaskOutcome outcome)
      throws Exception {
    assertNull(task.sandboxFile("overlap"), "two runs of a process at once");
    for (Map.Entry<String, List<String>> e : outcome.runs().entrySet()) {
      assertEquals(String.valueOf(e.getValue().size()), task.sandboxFile("count." + e.getKey()),
          "runs of " + e.getKey() + " that really happened");
    }
  }
}
