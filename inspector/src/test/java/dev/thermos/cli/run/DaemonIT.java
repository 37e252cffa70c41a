package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.gen.TaskState;
import dev.thermos.posix.FileLocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thermos run --daemon}: the caller returns once the detached runner holds the task,
 * printing only the task id; the runner lives in a session of its own, writes to
 * {@code checkpoints/<id>/runner.log}, and goes on when the caller's terminal closes; a runner
 * that cannot start says why through the caller, with {@code run}'s exit code.
 */
class DaemonIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void callerReturnsOnceTheDetachedRunnerHoldsTheTask() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "daemon");
    RunnerJvm caller = task.start("caller", "--daemon");
    assertEquals(0, caller.exitCode(TIMEOUT), caller.output());
    assertEquals("daemon\n", caller.stdout());
    assertEquals("", caller.stderr());
    // The lock was held when the caller returned: a second runner is refused at once.
    RunnerJvm second = task.start("second");
    assertEquals(75, second.exitCode(TIMEOUT), second.output());

    int runner = lockHolder(task);
    assertEquals(runner, sessionOf(runner), "the runner leads a session of its own");
    assertEquals(0, ProcStat.of(runner).tty(), "the runner has no controlling terminal");
    Path log = task.paths().checkpointDirectory("daemon").resolve("runner.log");
    assertEquals(log.toRealPath(), Files.readSymbolicLink(fd(runner, 1)));
    assertEquals(log.toRealPath(), Files.readSymbolicLink(fd(runner, 2)));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

    Files.createFile(task.sandbox().resolve("go"));
    Poll.until("the task ends", TIMEOUT, () -> !FileLocks.isHeld(checkpoint(task)));
    assertEquals(TaskState.SUCCESS, lastState(task));
    String written = Files.readString(log);
    assertTrue(written.contains("task daemon (root ") && written.endsWith("task daemon SUCCESS\n"),
        written);
  }

  @Test
  void runnerGoesOnWhenTheCallersTerminalCloses() throws Exception {
    assumeTrue(TmuxPane.available(), "tmux is not installed (apt-get install -y tmux)");
    TestTask task = TestTask.prepare(dir, "gate.json", "hangup");
    List<String> command = RunnerJvm.javaCommand();
    command.addAll(List.of("dev.thermos.cli.Main", "run", "--daemon", "--root",
        task.root().toString(), "--task_id", "hangup", task.json().toString()));
    Path script = TmuxPane.script(dir, "thermos-daemon", command);
    Path shellPid = dir.resolve("shell.pid");
    int runner;
    try (TmuxPane pane = TmuxPane.open(100, 30)) {
      pane.type("echo $$ > " + shellPid + "; " + script + "; echo rc=$?");
      pane.awaitScreen(s -> s.matches("(?s).*\\nrc=[0-9]+.*"), TIMEOUT, "the caller's exit code");
      assertTrue(pane.screen().contains("hangup\nrc=0"), pane.history(false));
      runner = lockHolder(task);
      assertNotEquals(sessionOf(Integer.parseInt(Files.readString(shellPid).trim())),
          sessionOf(runner));
    }
    // The terminal is gone (tmux's server killed: its shell got SIGHUP and ended).
    int shell = Integer.parseInt(Files.readString(shellPid).trim());
    Poll.until("the terminal's shell ends", TIMEOUT, () -> !ProcStat.isAlive(shell));
    assertTrue(ProcStat.isAlive(runner), "the runner died with the terminal");
    assertFalse(Files.exists(task.sandbox().resolve("go")));
    Files.createFile(task.sandbox().resolve("go"));
    Poll.until("the task ends", TIMEOUT, () -> !FileLocks.isHeld(checkpoint(task)));
    assertEquals(TaskState.SUCCESS, lastState(task));
  }

  @Test
  void aRunnerThatCannotStartSaysWhyThroughTheCaller() throws Exception {
    TestTask held = TestTask.prepare(dir, "gate.json", "held");
    RunnerJvm first = held.start("first");
    held.awaitFile("ready.gate", first, TIMEOUT);
    RunnerJvm locked = held.start("locked", "--daemon");
    assertEquals(75, locked.exitCode(TIMEOUT), locked.output());
    assertOneLine(locked, "thermos run: ");
    assertTrue(locked.stderr().contains("locked"), locked.output());

    Path invalidTask = Files.writeString(dir.resolve("invalid.json"), "{\"name\": \"x\"}");
    RunnerJvm invalid = RunnerJvm.run(dir.resolve("logs"), "invalid", "--daemon", "--root",
        held.root().toString(), invalidTask.toString());
    assertEquals(65, invalid.exitCode(TIMEOUT), invalid.output());
    assertOneLine(invalid, "thermos run: ");

    Files.createFile(held.sandbox().resolve("go"));
    assertEquals(0, first.exitCode(TIMEOUT), first.output());
    RunnerJvm ended = held.start("ended", "--daemon");
    assertEquals(105, ended.exitCode(TIMEOUT), ended.output());
    assertOneLine(ended, "thermos run: ");
  }

  @Test
  void aLinkPlantedAsTheRunnerLogIsRefusedNotFollowed() throws Exception {
    TestTask task = TestTask.prepare(dir, "gate.json", "planted");
    Path victim = Files.writeString(dir.resolve("victim"), "untouched\n");
    Path checkpoints = Files.createDirectories(task.paths().checkpointDirectory("planted"));
    Files.createSymbolicLink(checkpoints.resolve("runner.log"), victim);
    RunnerJvm caller = task.start("caller", "--daemon");
    assertEquals(73, caller.exitCode(TIMEOUT), caller.output());
    assertOneLine(caller, "thermos run: ");
    assertTrue(caller.stderr().contains("runner.log"), caller.output());
    assertEquals("untouched\n", Files.readString(victim));
    assertFalse(Files.exists(task.sandbox().resolve("ready.gate")), "the task ran");
  }

  private static void assertOneLine(RunnerJvm caller, String prefix) throws Exception {
    String err = caller.stderr();
    assertTrue(err.startsWith(prefix) && err.indexOf('\n') == err.length() - 1, caller.output());
    assertEquals("", caller.stdout());
  }

  private static TaskState lastState(TestTask task) throws Exception {
    List<TaskState> states = TaskOutcome.of(task.root(), task.taskId()).states();
    return states.get(states.size() - 1);
  }

  private static Path checkpoint(TestTask task) {
    return task.paths().runnerCheckpoint(task.taskId());
  }

  private static int lockHolder(TestTask task) {
    List<Integer> holders = new ArrayList<>(FileLocks.holders(checkpoint(task)));
    assertEquals(1, holders.size(), "holders of the runner checkpoint's lock: " + holders);
    return holders.get(0);
  }

  private static Path fd(int pid, int fd) {
    return Path.of("/proc", Integer.toString(pid), "fd", Integer.toString(fd));
  }

  private static int sessionOf(int pid) throws Exception {
    return ProcStat.of(pid).session();
  }
}
