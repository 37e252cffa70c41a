package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max_runtime} and {@code stop_signals} with real processes: a run that outlives its
 * limit goes down its ladder and ends FAILED (counted against {@code max_failures}), each step
 * journaled before its signal; the task's end uses the same ladder.
 */
class StopLadderIT {
  @TempDir Path root;

  private List<StopJournal.Entry> journal(String taskId) throws Exception {
    return new StopJournal(new TaskPaths(root).checkpointDirectory(taskId)).read();
  }

  /** Seconds since the epoch at which the process wrote each line of {@code file} ("INT 123.45"). */
  private static double when(TaskResult r, String file, String signal) throws Exception {
    for (String line : Files.readAllLines(r.sandboxFile(file))) {
      if (line.startsWith(signal + " ")) {
        return Double.parseDouble(line.substring(signal.length() + 1));
      }
    }
    throw new AssertionError("no " + signal + " in " + Files.readAllLines(r.sandboxFile(file)));
  }

  @Test
  void aRunOverItsMaxRuntimeGetsIntThenTermThenKillAtTheLadderTimesAndEndsFailed()
      throws Exception {
    TaskResult r = new TaskHarness(root, "ladder").run("""
        {"name": "ladder", "processes": [{"name": "stubborn", "max_runtime": 1,
          "stop_signals": [{"signal": "INT", "wait": 1}, {"signal": "TERM", "wait": 1}],
          "cmdline": "trap 'echo INT $(date +%s.%N) >> got' INT; trap 'echo TERM $(date +%s.%N) >> got' TERM; while :; do sleep 0.05; done"}]}""");
    r.assertEnded(TaskState.FAILED);
    ProcessStatus run = r.runs("stubborn").get(0);
    assertEquals(ProcessState.FAILED, run.getState(), r.sequence());
    assertEquals(-9, run.getReturnCode(), "killed by the last step");
    List<StopJournal.Entry> steps = journal("ladder");
    assertEquals(List.of("INT", "TERM", "KILL"), steps.stream().map(StopJournal.Entry::signal)
        .toList());
    steps.forEach(e -> assertEquals(StopJournal.Reason.TIMEOUT, e.reason()));
    double start = run.getStartTime();
    assertTrue(steps.get(0).atSecs() >= start + 1, "INT before max_runtime: " + steps);
    assertTrue(steps.get(1).atSecs() >= steps.get(0).atSecs() + 1, "TERM too early: " + steps);
    assertTrue(steps.get(2).atSecs() >= steps.get(1).atSecs() + 1, "KILL too early: " + steps);
    assertTrue(run.getStopTime() >= steps.get(2).atSecs(), "ended before the KILL");
    // The process saw each signal after the runner journaled it, in ladder order.
    double gotInt = when(r, "got", "INT");
    double gotTerm = when(r, "got", "TERM");
    assertTrue(gotInt >= steps.get(0).atSecs() && gotTerm >= steps.get(1).atSecs()
        && gotTerm > gotInt, "INT at " + gotInt + ", TERM at " + gotTerm + ": " + steps);
  }

  @Test
  void aTimedOutRunCountsAsAFailureAndIsRetriedUpToMaxFailures() throws Exception {
    TaskResult r = new TaskHarness(root, "retry").run("""
        {"name": "retry", "processes": [{"name": "slow", "max_runtime": 0.3, "max_failures": 2,
          "min_duration": 0, "cmdline": "exec sleep 30"}]}""");
    r.assertEnded(TaskState.FAILED);
    assertEquals(2, r.runs("slow").size(), r.sequence());
    for (ProcessStatus run : r.runs("slow")) {
      assertEquals(ProcessState.FAILED, run.getState(), r.sequence());
      assertEquals(-15, run.getReturnCode(), "ended by the default SIGTERM");
    }
    assertEquals(List.of(0, 1), journal("retry").stream().map(StopJournal.Entry::run).toList());
  }

  @Test
  void aDaemonThatTimesOutIsRunAgain() throws Exception {
    TaskResult r = new TaskHarness(root, "daemon").run("""
        {"name": "daemon", "processes": [
          {"name": "d", "daemon": true, "ephemeral": true, "max_runtime": 0.3,
           "max_failures": 0, "min_duration": 0,
           "cmdline": "echo run >> runs; exec sleep 30"},
          {"name": "main", "cmdline": "while [ $(cat runs 2>/dev/null | wc -l) -lt 3 ]; do sleep 0.05; done"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    List<ProcessStatus> runs = r.runs("d");
    assertTrue(runs.size() >= 3, r.sequence());
    assertEquals(ProcessState.FAILED, runs.get(0).getState(), r.sequence());
    assertEquals(ProcessState.FAILED, runs.get(1).getState(), r.sequence());
  }

  @Test
  void theTaskEndUsesTheProcessLadderNotSigterm() throws Exception {
    TaskResult r = new TaskHarness(root, "end").run("""
        {"name": "end", "finalization_wait": 20, "processes": [
          {"name": "svc", "daemon": true, "ephemeral": true,
           "stop_signals": [{"signal": "INT", "wait": 10}],
           "cmdline": "trap 'echo INT > got; exit 0' INT; trap 'echo TERM > got; exit 0' TERM; touch up; while :; do sleep 0.05; done"},
          {"name": "main", "cmdline": "while [ ! -e up ]; do sleep 0.05; done"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("INT\n", Files.readString(r.sandboxFile("got")));
    assertEquals(List.of(StopJournal.Reason.TASK_END),
        journal("end").stream().map(StopJournal.Entry::reason).toList());
  }
}
