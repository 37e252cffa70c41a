package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlRequest;
import dev.thermos.control.ControlRequest.Verb;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.TaskSideFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control verbs with a live runner and real processes: each request is appended to the task's
 * {@code control.jsonl} as {@code thermos hold} etc. do, and the runner hears of it through its
 * directory watch; {@code control.done} passing the request's line says it was applied.
 */
class ControlIT {
  @TempDir Path root;

  private long request(TaskHarness h, LiveTask live, Verb verb, String process, String signal,
      double timeoutSecs) throws Exception {
    return request(h, live, ControlRequest.of(verb, process, signal, timeoutSecs,
        System.currentTimeMillis() / 1000.0, "test"));
  }

  private long request(TaskHarness h, LiveTask live, ControlRequest r) throws Exception {
    ControlLog log = new ControlLog(new TaskPaths(root).checkpointDirectory(h.taskId()));
    long end = log.append(r);
    live.awaitTrue(r.verb() + " applied", () -> {
      try {
        return log.readDone() >= end;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return end;
  }

  private List<StopJournal.Entry> journal(String taskId) throws Exception {
    return new StopJournal(new TaskPaths(root).checkpointDirectory(taskId)).read();
  }

  @Test
  void aHeldTaskLaunchesNothingNewUntilReleasedWhileItsRunsGoOn() throws Exception {
    TaskHarness h = new TaskHarness(root, "held");
    LiveTask live = h.start("""
        {"name": "held", "processes": [
          {"name": "first", "cmdline": "echo 1 > up; while [ ! -e go ]; do sleep 0.02; done"},
          {"name": "second", "cmdline": "echo ran >> second-ran"}],
         "constraints": [{"order": ["first", "second"]}]}""");
    live.awaitFile("up");
    request(h, live, Verb.HOLD, null, null, -1);
    Path checkpointDir = new TaskPaths(root).checkpointDirectory("held");
    assertTrue(TaskSideFiles.read(checkpointDir).held(), "status shows held");
    Files.writeString(h.sandbox().resolve("go"), "");
    live.awaitProcess("first", ProcessState.SUCCESS);
    // A later request is applied in a later loop iteration than first's end: had that end
    // launched second, its WAITING would be durable by now.
    request(h, live, Verb.HOLD, null, null, -1);
    assertFalse(live.ended());
    assertTrue(TaskResult.compact(live.records()).indexOf("second:") < 0,
        "nothing launched while held: " + TaskResult.compact(live.records()));
    request(h, live, Verb.RELEASE, null, null, -1);
    assertFalse(TaskSideFiles.read(checkpointDir).held(), "status no longer shows held");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("ran", Files.readString(r.sandboxFile("second-ran")).trim());
  }

  @Test
  void aRestartStopsTheRunByItsLadderAndRunsItAgainAtOnceWithoutCountingAFailure()
      throws Exception {
    TaskHarness h = new TaskHarness(root, "restart");
    LiveTask live = h.start("""
        {"name": "restart", "processes": [{"name": "svc", "max_failures": 1, "min_duration": 60,
          "cmdline": "n=$(($(cat n 2>/dev/null || echo 0) + 1)); echo $n > n; trap 'exit 3' TERM; echo $n > up$n; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    live.awaitFile("up1");
    request(h, live, Verb.RESTART, "svc", null, -1);
    live.awaitFile("up2");
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    List<ProcessStatus> runs = r.runs("svc");
    assertEquals(2, runs.size(), r.sequence());
    assertEquals(ProcessState.KILLED, runs.get(0).getState(), "a restart is no failure");
    assertEquals(3, runs.get(0).getReturnCode(), "ended by its SIGTERM trap");
    assertEquals(ProcessState.SUCCESS, runs.get(1).getState(), r.sequence());
    assertTrue(runs.get(1).getStartTime() >= runs.get(0).getStopTime(),
        "the new run started after the old one ended: " + r.sequence());
    assertTrue(runs.get(1).getStartTime() < runs.get(0).getStopTime() + 60,
        "min_duration (60 s) skipped: " + r.sequence());
    assertEquals(List.of("0 restart TERM"), journal("restart").stream()
        .map(e -> e.run() + " " + e.reason().jsonName() + " " + e.signal()).toList());
  }

  @Test
  void aSignalReachesTheRunOnceAndTheRunGoesOn() throws Exception {
    TaskHarness h = new TaskHarness(root, "signal");
    LiveTask live = h.start("""
        {"name": "signal", "processes": [{"name": "svc",
          "cmdline": "trap 'echo HUP >> got' HUP; echo 1 > up; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    live.awaitFile("up");
    request(h, live, Verb.SIGNAL, "svc", "HUP", -1);
    assertEquals("HUP", live.awaitFile("got"));
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(List.of("HUP"), Files.readAllLines(r.sandboxFile("got")));
    assertEquals(1, r.runs("svc").size(), r.sequence());
  }

  @Test
  void aDrainLetsTheRunsEndOnTheirOwnThenRunsTheFinalizersAndEndsAsANormalEnd()
      throws Exception {
    TaskHarness h = new TaskHarness(root, "drain");
    LiveTask live = h.start("""
        {"name": "drain", "processes": [
          {"name": "long", "cmdline": "echo 1 > up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "next", "cmdline": "touch next-ran"},
          {"name": "fin", "final": true, "cmdline": "touch fin-ran"}],
         "constraints": [{"order": ["long", "next"]}]}""");
    live.awaitFile("up");
    request(h, live, Verb.DRAIN, null, null, -1);
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(ProcessState.SUCCESS, r.runs("long").get(0).getState(), r.sequence());
    assertTrue(r.runs("next").isEmpty(), "nothing launched after the drain: " + r.sequence());
    assertTrue(Files.exists(r.sandboxFile("fin-ran")), "the finalizer ran: " + r.sequence());
    assertTrue(journal("drain").isEmpty(), "no stop signal needed");
  }

  @Test
  void aDrainPastItsTimeoutStopsTheRunsWithTheirStopSignals() throws Exception {
    TaskHarness h = new TaskHarness(root, "drainto");
    LiveTask live = h.start("""
        {"name": "drainto", "finalization_wait": 30, "processes": [
          {"name": "svc", "stop_signals": [{"signal": "INT", "wait": 20}],
           "cmdline": "trap 'echo INT > got; exit 0' INT; echo 1 > up; while :; do sleep 0.02; done"},
          {"name": "fin", "final": true, "cmdline": "touch fin-ran"}]}""");
    live.awaitFile("up");
    double asked = System.currentTimeMillis() / 1000.0;
    request(h, live, Verb.DRAIN, null, null, 0.5);
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("INT", Files.readString(r.sandboxFile("got")).trim());
    assertTrue(Files.exists(r.sandboxFile("fin-ran")), "the finalizer ran: " + r.sequence());
    double cleaning = r.state().getStatuses().stream()
        .filter(s -> s.getState() == TaskState.CLEANING).mapToLong(TaskStatus::getTimestampMs)
        .findFirst().orElseThrow() / 1000.0;
    assertTrue(cleaning >= asked + 0.5 - 0.01, "stopped before the drain's timeout: asked at "
        + asked + ", CLEANING at " + cleaning);
    assertEquals(List.of("0 task_end INT"), journal("drainto").stream()
        .map(e -> e.run() + " " + e.reason().jsonName() + " " + e.signal()).toList());
  }

  private static final String KEEP = """
      {"name": "keep", "cmdline": "echo 1 > keep-up; while [ ! -e stop ]; do sleep 0.02; done"}""";

  @Test
  void anUpdateStartsAddedStopsRemovedRestartsChangedAndLeavesTheOthersAlone() throws Exception {
    TaskHarness h = new TaskHarness(root, "update");
    LiveTask live = h.start("""
        {"name": "update", "processes": [%s,
          {"name": "change", "min_duration": 60,
           "cmdline": "echo v1 >> change.log; trap 'exit 3' TERM; echo 1 > change-up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "gone", "cmdline": "trap 'exit 0' TERM; echo 1 > gone-up; while :; do sleep 0.02; done"}]}"""
        .formatted(KEEP));
    live.awaitFile("keep-up");
    live.awaitFile("change-up");
    live.awaitFile("gone-up");
    String next = TaskConfigJson.toJson(h.evaluate("""
        {"name": "update", "processes": [%s,
          {"name": "change", "min_duration": 60,
           "cmdline": "echo v2 >> change.log; echo 1 > change-up2; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "added", "cmdline": "echo 1 > added-ran"}]}""".formatted(KEEP)).task());
    request(h, live, ControlRequest.update(next, null, System.currentTimeMillis() / 1000.0, "u"));
    live.awaitFile("change-up2");
    live.awaitFile("added-ran");
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(List.of(ProcessState.SUCCESS), states(r, "keep"), "not touched");
    assertEquals(List.of(ProcessState.KILLED, ProcessState.SUCCESS), states(r, "change"));
    assertEquals(3, r.runs("change").get(0).getReturnCode());
    assertEquals(List.of(ProcessState.KILLED), states(r, "gone"), r.sequence());
    assertEquals(List.of(ProcessState.SUCCESS), states(r, "added"), r.sequence());
    assertEquals(List.of("v1", "v2"), Files.readAllLines(r.sandboxFile("change.log")));
    assertEquals(List.of("change/0 update TERM", "gone/0 update TERM"), journal("update")
        .stream().map(e -> e.process() + "/" + e.run() + " " + e.reason().jsonName() + " "
            + e.signal()).sorted().toList());
    String stored = Files.readString(new TaskPaths(root).taskFile(
        TaskPaths.TaskFileState.FINISHED, "update"));
    assertTrue(stored.contains("added-ran") && !stored.contains("gone-up"), stored);
  }

  @Test
  void anInvalidUpdateIsRefusedAndNothingChanges() throws Exception {
    TaskHarness h = new TaskHarness(root, "invalid");
    LiveTask live = h.start("""
        {"name": "invalid", "processes": [%s]}""".formatted(KEEP));
    live.awaitFile("keep-up");
    request(h, live, ControlRequest.update("""
        {"name": "invalid", "processes": [%s, {"name": "b", "cmdline": "true"}],
         "constraints": [{"order": ["keep", "b"]}, {"order": ["b", "keep"]}]}""".formatted(KEEP),
        null, System.currentTimeMillis() / 1000.0, "bad"));
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(List.of(ProcessState.SUCCESS), states(r, "keep"), r.sequence());
    assertTrue(r.runs("b").isEmpty(), r.sequence());
    assertTrue(journal("invalid").isEmpty());
    String stored = Files.readString(new TaskPaths(root).taskFile(
        TaskPaths.TaskFileState.FINISHED, "invalid"));
    assertFalse(stored.contains("\"b\""), stored);
  }

  /** Scales {@code process} as {@code thermos scale} does: an update of the template. */
  private void scale(TaskHarness h, LiveTask live, String process, int n) throws Exception {
    Path dir = new TaskPaths(root).checkpointDirectory(h.taskId());
    String template = TaskTemplate.scaled(TaskTemplate.read(dir).orElseThrow(), process, n);
    String next = TaskConfigJson.toJson(h.evaluate(template).task());
    request(h, live, ControlRequest.update(next, template, System.currentTimeMillis() / 1000.0,
        "scale"));
  }

  @Test
  void scalingStartsNewInstancesAndStopsTheHighestNumberedLeavingTheOthersAlone()
      throws Exception {
    TaskHarness h = new TaskHarness(root, "scale");
    LiveTask live = h.start("""
        {"name": "scale", "processes": [{"name": "w", "instances": 2,
          "cmdline": "trap 'exit 0' TERM; echo 1 > w{{thermos.instance}}-up; while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    live.awaitFile("w0-up");
    live.awaitFile("w1-up");
    scale(h, live, "w", 3);
    live.awaitFile("w2-up");
    scale(h, live, "w", 1);
    Files.writeString(h.sandbox().resolve("stop"), "");
    TaskResult r = live.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(List.of(ProcessState.SUCCESS), states(r, "w.0"), r.sequence());
    assertEquals(List.of(ProcessState.KILLED), states(r, "w.1"), r.sequence());
    assertEquals(List.of(ProcessState.KILLED), states(r, "w.2"), r.sequence());
    assertEquals(List.of("w.1/0 update TERM", "w.2/0 update TERM"), journal("scale").stream()
        .map(e -> e.process() + "/" + e.run() + " " + e.reason().jsonName() + " " + e.signal())
        .sorted().toList());
    assertTrue(TaskTemplate.read(new TaskPaths(root).checkpointDirectory("scale")).orElseThrow()
        .contains("\"instances\":1"), "the template follows the scale");
  }

  private static List<ProcessState> states(TaskResult r, String process) {
    return r.runs(process).stream().map(ProcessStatus::getState).toList();
  }
}
