package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlRequest;
import dev.thermos.control.ControlRequest.Verb;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each control verb recorded while the runner cannot act (SIGSTOPped), the runner then SIGKILLed
 * and the task resumed: the new runner carries the request out.
 */
class ControlCrashIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SIGSTOP = 19;

  @TempDir Path dir;

  /** A task under {@code dir}: its JSON, root and runners. */
  private final class Task {
    final String id;
    final Path json;
    RunnerJvm runner;

    Task(String id, String text) throws Exception {
      this.id = id;
      this.json = Files.writeString(dir.resolve(id + ".json"), text);
      Files.createDirectories(sandbox());
    }

    Path root() {
      return dir.resolve("root");
    }

    Path sandbox() {
      return root().resolve("sandbox").resolve(id);
    }

    ControlLog log() {
      return new ControlLog(new TaskPaths(root()).checkpointDirectory(id));
    }

    RunnerJvm start(String name) throws Exception {
      runner = RunnerJvm.run(dir.resolve("logs"), name, "--root", root().toString(),
          "--task_id", id, json.toString());
      return runner;
    }

    /** Records {@code verb} with the runner stopped, SIGKILLs it, resumes the task. */
    long recordThenCrashAndResume(Verb verb, String process, String signal) throws Exception {
      runner.signal(SIGSTOP);
      long end = log().append(ControlRequest.of(verb, process, signal, -1,
          System.currentTimeMillis() / 1000.0, "crash-test"));
      assertTrue(log().readDone() < end, "nothing acted on it yet");
      runner.crash();
      start("resumed");
      awaitDone(end);
      return end;
    }

    void awaitDone(long end) throws Exception {
      await("the request applied", () -> {
        try {
          return log().readDone() >= end;
        } catch (java.io.IOException e) {
          return false;
        }
      });
    }

    void awaitFile(String name) throws Exception {
      await(name + " in the sandbox", () -> Files.exists(sandbox().resolve(name)));
    }

    void touch(String name) throws Exception {
      Files.writeString(sandbox().resolve(name), "");
    }

    void await(String what, BooleanSupplier condition) throws Exception {
      long until = System.nanoTime() + WAIT.toNanos();
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > until || !runner.isAlive()) {
          throw new AssertionError("no " + what + "\n" + runner.output());
        }
        Thread.sleep(10);
      }
    }

    RunnerState state() throws Exception {
      return CheckpointReplay.replay(new TaskPaths(root()).runnerCheckpoint(id)).state();
    }

    List<ProcessStatus> runs(String process) throws Exception {
      return state().getProcesses().getOrDefault(process, List.of());
    }

    int exitCode() throws Exception {
      return runner.exitCode(WAIT);
    }
  }

  @Test
  void aHoldRecordedBeforeTheRunnerDiedHoldsTheResumedTask() throws Exception {
    Task t = new Task("hold", """
        {"name": "hold", "processes": [
          {"name": "first", "cmdline": "touch up; while [ ! -e go ]; do sleep 0.02; done"},
          {"name": "second", "cmdline": "touch second-ran"}],
         "constraints": [{"order": ["first", "second"]}]}""");
    t.start("first");
    t.awaitFile("up");
    t.recordThenCrashAndResume(Verb.HOLD, null, null);
    t.touch("go");
    t.await("first's end", () -> {
      try {
        return t.runs("first").get(0).getState() == ProcessState.SUCCESS;
      } catch (Exception e) {
        return false;
      }
    });
    // A later request is applied after first's end was handled: a launch would be durable by now.
    t.awaitDone(t.log().append(ControlRequest.of(Verb.HOLD, null, null, -1, 0, "barrier")));
    assertTrue(t.runs("second").isEmpty(), "second launched while held");
    t.awaitDone(t.log().append(ControlRequest.of(Verb.RELEASE, null, null, -1, 0, "release")));
    assertEquals(0, t.exitCode(), t.runner.output());
    assertTrue(Files.exists(t.sandbox().resolve("second-ran")));
  }

  @Test
  void aRestartRecordedBeforeTheRunnerDiedIsCarriedOutByTheResumedRunner() throws Exception {
    Task t = new Task("restart", """
        {"name": "restart", "processes": [{"name": "svc", "max_failures": 1, "min_duration": 60,
          "cmdline": "n=$(($(cat n 2>/dev/null || echo 0) + 1)); echo $n > n; trap 'exit 3' TERM; touch up$n; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    t.start("first");
    t.awaitFile("up1");
    t.recordThenCrashAndResume(Verb.RESTART, "svc", null);
    t.awaitFile("up2");
    t.touch("stop");
    assertEquals(0, t.exitCode(), t.runner.output());
    List<ProcessStatus> runs = t.runs("svc");
    assertEquals(2, runs.size(), runs.toString());
    assertEquals(ProcessState.KILLED, runs.get(0).getState(), runs.toString());
    assertEquals(3, runs.get(0).getReturnCode());
    assertEquals(ProcessState.SUCCESS, runs.get(1).getState(), runs.toString());
    assertFalse(Files.exists(t.sandbox().resolve("up3")), "restarted once");
  }

  @Test
  void aSignalRecordedBeforeTheRunnerDiedIsSentByTheResumedRunner() throws Exception {
    Task t = new Task("signal", """
        {"name": "signal", "processes": [{"name": "svc",
          "cmdline": "trap 'echo HUP >> got' HUP; touch up; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    t.start("first");
    t.awaitFile("up");
    t.recordThenCrashAndResume(Verb.SIGNAL, "svc", "HUP");
    t.awaitFile("got");
    t.touch("stop");
    assertEquals(0, t.exitCode(), t.runner.output());
    assertEquals(List.of("HUP"), Files.readAllLines(t.sandbox().resolve("got")));
    assertEquals(1, t.runs("svc").size());
  }

  @Test
  void aDrainRecordedBeforeTheRunnerDiedDrainsTheResumedTask() throws Exception {
    Task t = new Task("drain", """
        {"name": "drain", "processes": [
          {"name": "long", "cmdline": "touch up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "next", "cmdline": "touch next-ran"},
          {"name": "fin", "final": true, "cmdline": "touch fin-ran"}],
         "constraints": [{"order": ["long", "next"]}]}""");
    t.start("first");
    t.awaitFile("up");
    t.recordThenCrashAndResume(Verb.DRAIN, null, null);
    t.touch("stop");
    assertEquals(0, t.exitCode(), t.runner.output());
    assertTrue(t.runs("next").isEmpty(), "nothing launched after the drain");
    assertTrue(Files.exists(t.sandbox().resolve("fin-ran")), "the finalizer ran");
    assertEquals(ProcessState.SUCCESS, t.runs("long").get(0).getState());
  }

  @Test
  void anUpdateRecordedBeforeTheRunnerDiedIsAppliedByTheResumedRunner() throws Exception {
    Task t = new Task("update", """
        {"name": "update", "processes": [
          {"name": "keep", "cmdline": "touch keep-up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "gone", "cmdline": "trap 'exit 0' TERM; touch gone-up; while :; do sleep 0.02; done"}]}""");
    Path next = Files.writeString(dir.resolve("next.json"), """
        {"name": "update", "processes": [
          {"name": "keep", "cmdline": "touch keep-up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "added", "cmdline": "touch added-ran"}]}""");
    t.start("first");
    t.awaitFile("keep-up");
    t.awaitFile("gone-up");
    t.runner.signal(SIGSTOP);
    RunnerJvm update = RunnerJvm.command(dir.resolve("logs"), "update", "update", "--root",
        t.root().toString(), "update", next.toString());
    assertEquals(1, update.exitCode(WAIT), "not confirmed by a stopped runner\n"
        + update.output());
    long end = Files.size(new TaskPaths(t.root()).checkpointDirectory("update")
        .resolve(ControlLog.NAME));
    assertTrue(t.log().readDone() < end, "nothing acted on it yet");
    t.runner.crash();
    t.start("resumed");
    t.awaitDone(end);
    t.awaitFile("added-ran");
    t.touch("stop");
    assertEquals(0, t.exitCode(), t.runner.output());
    assertEquals(List.of(ProcessState.SUCCESS), t.runs("keep").stream()
        .map(ProcessStatus::getState).toList());
    assertEquals(List.of(ProcessState.KILLED), t.runs("gone").stream()
        .map(ProcessStatus::getState).toList());
    String stored = Files.readString(new TaskPaths(t.root()).taskFile(
        TaskPaths.TaskFileState.FINISHED, "update"));
    assertTrue(stored.contains("added-ran") && !stored.contains("gone-up"), stored);
  }

  @Test
  void aScaleRecordedBeforeTheRunnerDiedIsAppliedByTheResumedRunner() throws Exception {
    Task t = new Task("scale", """
        {"name": "scale", "processes": [{"name": "w", "instances": 1,
          "cmdline": "touch w{{thermos.instance}}-up; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    t.start("first");
    t.awaitFile("w0-up");
    t.runner.signal(SIGSTOP);
    RunnerJvm scale = RunnerJvm.command(dir.resolve("logs"), "scale", "scale", "--root",
        t.root().toString(), "scale", "w", "2");
    assertEquals(1, scale.exitCode(WAIT), "not confirmed by a stopped runner\n"
        + scale.output());
    long end = Files.size(new TaskPaths(t.root()).checkpointDirectory("scale")
        .resolve(ControlLog.NAME));
    t.runner.crash();
    t.start("resumed");
    t.awaitDone(end);
    t.awaitFile("w1-up");
    t.touch("stop");
    assertEquals(0, t.exitCode(), t.runner.output());
    assertEquals(1, t.runs("w.0").size(), "w.0 not touched");
    assertEquals(List.of(ProcessState.SUCCESS), t.runs("w.1").stream()
        .map(ProcessStatus::getState).toList());
  }
}
