package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signals to {@code thermos run}: SIGTERM, SIGINT and SIGUSR1 kill the task gracefully (CLEANING,
 * the final processes within the window, KILLED, exit 3); a second SIGINT kills at once; SIGUSR2
 * loses the task (LOST, exit 4). Processes that ignore SIGTERM are gone afterwards all the same.
 */
class RunSignalsIT {
  private static final int SIGHUP = 1;
  private static final int SIGTERM = 15;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest(name = "signal {0}")
  @ValueSource(ints = {SIGTERM, RunnerJvm.SIGINT, RunnerJvm.SIGUSR1})
  void aSignalKillsTheTaskGracefullyAndTheFinalProcessRuns(int signal) throws Exception {
    TestTask task = TestTask.prepare(dir, "signals.json", "signals");
    RunnerJvm runner = startedAndReady(task, "runner");
    runner.signal(signal);
    assertEquals(3, runner.exitCode(TIMEOUT), runner.output());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(List.of(TaskState.ACTIVE, TaskState.CLEANING, TaskState.FINALIZING,
        TaskState.KILLED), outcome.states());
    assertEquals(Map.of("long", List.of("KILLED(-15)"), "fin", List.of("SUCCESS(0)")),
        outcome.runs());
    assertTrue(runner.stdout().endsWith("task signals KILLED\n"), runner.output());
    assertNothingAlive(task);
  }

  @Test
  void aSecondSigintKillsAtOnceWithoutWaitingForTheWindow() throws Exception {
    TestTask task = TestTask.prepare(dir, "stubborn.json", "stubborn");
    RunnerJvm runner = startedAndReady(task, "runner");
    runner.signal(RunnerJvm.SIGINT);
    assertTrue(runner.awaitOutput("task CLEANING", TIMEOUT), runner.output());
    long start = System.nanoTime();
    runner.signal(RunnerJvm.SIGINT);
    assertEquals(3, runner.exitCode(TIMEOUT), runner.output());
    // Not a speed check: the window is 60 s, ending before it closed means it was not waited.
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(TaskState.KILLED, outcome.end());
    assertEquals(List.of("KILLED(-1)"), outcome.runs().get("long"), outcome.toString());
    assertNull(task.sandboxFile("count.fin"), "the final process ran");
    assertNothingAlive(task);
  }

  @Test
  void sighupIsIgnoredAndTheTaskEndsSuccess() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "gate");
    RunnerJvm runner = startedAndReady(task, "runner", "ready.gate");
    runner.signal(SIGHUP);
    // The gate opens after the signal: a runner killed by it could not record the end.
    Files.writeString(task.sandbox().resolve("go"), "");
    assertEquals(0, runner.exitCode(TIMEOUT), runner.output());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(TaskState.SUCCESS, outcome.end(), outcome.toString());
    assertEquals(Map.of("gate", List.of("SUCCESS(0)")), outcome.runs());
    assertNothingAlive(task);
  }

  @Test
  void sigusr2LosesTheTask() throws Exception {
    TestTask task = TestTask.prepare(dir, "signals.json", "signals");
    RunnerJvm runner = startedAndReady(task, "runner");
    runner.signal(RunnerJvm.SIGUSR2);
    assertEquals(4, runner.exitCode(TIMEOUT), runner.output());
    assertEquals(TaskState.LOST, TaskOutcome.of(task.root(), task.taskId()).end());
    assertNothingAlive(task);
  }

  @Test
  void processesIgnoringSigtermAreKilledWhenTheWindowCloses() throws Exception {
    TestTask task = TestTask.prepare(dir, "stubborn-short.json", "stubborn-short");
    RunnerJvm runner = startedAndReady(task, "runner");
    runner.signal(SIGTERM);
    assertEquals(3, runner.exitCode(TIMEOUT), runner.output());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(List.of(TaskState.ACTIVE, TaskState.CLEANING, TaskState.KILLED),
        outcome.states());
    assertEquals(List.of("KILLED(-1)"), outcome.runs().get("long"), outcome.toString());
    assertNothingAlive(task);
  }

  @Test
  void aRunnerCrashingDuringAGracefulKillIsRestartedIntoTheSameKill() throws Exception {
    TestTask task = TestTask.prepare(dir, "stubborn-short.json", "stubborn-short");
    RunnerJvm first = startedAndReady(task, "first");
    first.signal(SIGTERM);
    assertTrue(first.awaitOutput("task CLEANING", TIMEOUT), first.output());
    first.crash();
    // Without the recorded stop, the restarted runner would end the task SUCCESS (a killed run is
    // no failure), as Aurora's does.
    RunnerJvm second = task.start("second");
    assertEquals(3, second.exitCode(TIMEOUT), second.output());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(List.of(TaskState.ACTIVE, TaskState.CLEANING, TaskState.KILLED),
        outcome.states(), outcome.toString());
    assertEquals(1, outcome.runs().get("long").size(), outcome.toString());
    assertNothingAlive(task);
  }

  @Test
  void aStopRecordedBeforeTheCrashIsCarriedOutByTheNextRunner() throws Exception {
    TestTask task = TestTask.prepare(dir, "signals.json", "signals");
    RunnerJvm first = startedAndReady(task, "first");
    first.crash();
    // The runner died between recording the request and appending CLEANING.
    Files.writeString(task.paths().stopRequest(task.taskId()), "KILLED graceful\n");
    RunnerJvm second = task.start("second");
    assertEquals(3, second.exitCode(TIMEOUT), second.output());
    TaskOutcome outcome = TaskOutcome.of(task.root(), task.taskId());
    assertEquals(List.of(TaskState.ACTIVE, TaskState.CLEANING, TaskState.FINALIZING,
        TaskState.KILLED), outcome.states());
    assertEquals(Map.of("long", List.of("KILLED(-15)"), "fin", List.of("SUCCESS(0)")),
        outcome.runs());
    assertNothingAlive(task);
  }

  /** Starts a runner of {@code task} and waits until its long process is ready. */
  private static RunnerJvm startedAndReady(TestTask task, String name) throws Exception {
    return startedAndReady(task, name, "ready.long");
  }

  private static RunnerJvm startedAndReady(TestTask task, String name, String ready)
      throws Exception {
    RunnerJvm runner = task.start(name);
    task.awaitFile(ready, runner, TIMEOUT);
    return runner;
  }

  private static void assertNothingAlive(TestTask task) throws Exception {
    TaskProcesses.awaitNoneIn(task.dir(), TIMEOUT);
    assertEquals(List.of(), TaskProcesses.aliveOf(task.sandbox().resolve("pids"), task.dir()));
  }
}
