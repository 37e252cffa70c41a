package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §11.2 scenarios 6 and 12 (Aurora's test_ephemerals): ephemerals, daemons, min_duration. */
class DaemonsAndEphemeralsIT {
  @TempDir Path root;

  @Test
  void anEphemeralIsTerminatedOnceTheRegularProcessesAreDone() throws Exception {
    TaskResult r = new TaskHarness(root, "ephemeral").run("""
        {"name": "ephemeral", "processes": [
          {"name": "eph", "cmdline": "touch eph.started; exec sleep 30", "ephemeral": true},
          {"name": "main", "cmdline": "while [ ! -e eph.started ]; do sleep 0.01; done"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("ACTIVE CLEANING FINALIZING SUCCESS", r.taskStates());
    assertEquals("eph:0/WAITING eph:1/FORKED eph:2/RUNNING eph:3/KILLED=-15",
        r.processSequence("eph"));
    assertEquals("main:0/WAITING main:1/FORKED main:2/RUNNING main:3/SUCCESS=0",
        r.processSequence("main"));
    // The two run at once: only the stages order their records (eph's RUNNING may come late).
    r.assertOrdered("main:3/SUCCESS=0", "CLEANING", "eph:3/KILLED=-15", "FINALIZING");
  }

  @Test
  void anEphemeralStartedAsCleaningBeginsIsStillTerminatedAtOnce() throws Exception {
    TaskResult r = new TaskHarness(root, "only-ephemeral").run("""
        {"name": "only-ephemeral", "processes": [
          {"name": "eph", "cmdline": "exec sleep 30", "ephemeral": true}]}""");
    r.assertEnded(TaskState.SUCCESS);
    r.assertSequence("""
        ACTIVE header eph:0/WAITING CLEANING eph:1/FORKED eph:2/RUNNING eph:3/KILLED=-15
        FINALIZING SUCCESS""");
    // KILLED by SIGTERM: the runner ended it rather than waiting for its 30 s sleep.
  }

  @Test
  void aDaemonRerunsAfterEachSuccessUntilItFailsAfterMinDuration() throws Exception {
    TaskResult r = new TaskHarness(root, "daemon").run("""
        {"name": "daemon", "processes": [
          {"name": "d", "daemon": true, "max_failures": 1, "min_duration": 1, "cmdline":
           "n=$(( $(cat d.count 2>/dev/null || echo 0) + 1 )); echo $n > d.count; [ $n -le 2 ]"}]}
        """);
    r.assertEnded(TaskState.FAILED);
    r.assertSequence("""
        ACTIVE header d:0/WAITING d:1/FORKED d:2/RUNNING d:3/SUCCESS=0
        d:4/WAITING d:5/FORKED d:6/RUNNING d:7/SUCCESS=0
        d:8/WAITING d:9/FORKED d:10/RUNNING d:11/FAILED=1 CLEANING FINALIZING FAILED""");
    assertGapsAtLeast(r.runs("d"), 1.0);
  }

  @Test
  void minDurationCountsFromTheEndOfTheRunNotItsStart() throws Exception {
    TaskResult r = new TaskHarness(root, "slow-fail").run("""
        {"name": "slow-fail", "processes": [
          {"name": "p", "cmdline": "sleep 0.6; exit 1", "max_failures": 2, "min_duration": 1}]}
        """);
    r.assertEnded(TaskState.FAILED);
    assertEquals(2, r.runs("p").size());
    assertGapsAtLeast(r.runs("p"), 1.0);
  }

  static void assertGapsAtLeast(List<ProcessStatus> runs, double seconds) {
    for (int i = 1; i < runs.size(); i++) {
      double gap = runs.get(i).getStartTime() - runs.get(i - 1).getStopTime();
      assertTrue(gap >= seconds, "run " + i + " started " + gap + " s after the previous stop");
    }
  }
}
