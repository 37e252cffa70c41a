package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §11.2 scenarios 7–11 and 20 (Aurora's test_finalization): final processes, the
 * finalization window over CLEANING and FINALIZING.
 */
class FinalizationIT {
  @TempDir Path root;

  @Test
  void aFinalizerRunsOnlyAfterTheFinalizingStatus() throws Exception {
    TaskResult r = new TaskHarness(root, "finalizer").run("""
        {"name": "finalizer", "processes": [{"name": "main", "cmdline": "echo hello world"},
          {"name": "fin", "cmdline": "date", "final": true}]}""");
    r.assertEnded(TaskState.SUCCESS);
    r.assertSequence("""
        ACTIVE header main:0/WAITING main:1/FORKED main:2/RUNNING main:3/SUCCESS=0
        CLEANING FINALIZING fin:0/WAITING fin:1/FORKED fin:2/RUNNING fin:3/SUCCESS=0 SUCCESS""");
  }

  @Test
  void orderedFinalizersRunOneAfterTheOther() throws Exception {
    TaskResult r = new TaskHarness(root, "ordered").run("""
        {"name": "ordered", "processes": [{"name": "main", "cmdline": "true"},
          {"name": "f1", "cmdline": "true", "final": true},
          {"name": "f2", "cmdline": "true", "final": true}],
         "constraints": [{"order": ["f1", "f2"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    ProcessStatus main = only(r, "main");
    ProcessStatus f1 = only(r, "f1");
    ProcessStatus f2 = only(r, "f2");
    assertTrue(main.getStopTime() <= f1.getStartTime());
    assertTrue(f1.getStopTime() <= f2.getStartTime());
    assertEquals("ACTIVE header CLEANING FINALIZING f1:0/WAITING f1:1/FORKED f1:2/RUNNING "
        + "f1:3/SUCCESS=0 f2:0/WAITING f2:1/FORKED f2:2/RUNNING f2:3/SUCCESS=0 SUCCESS",
        r.sequence("f1", "f2"));
  }

  @Test
  void aFailingFinalizerBlocksItsSuccessorButNotTheTask() throws Exception {
    TaskResult r = new TaskHarness(root, "bad-final").run("""
        {"name": "bad-final", "processes": [{"name": "main", "cmdline": "true"},
          {"name": "f1", "cmdline": "exit 1", "final": true},
          {"name": "f2", "cmdline": "true", "final": true}],
         "constraints": [{"order": ["f1", "f2"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("ACTIVE header CLEANING FINALIZING f1:0/WAITING f1:1/FORKED f1:2/RUNNING "
        + "f1:3/FAILED=1 SUCCESS", r.sequence("f1", "f2"));
    assertFalse(r.state().getProcesses().containsKey("f2"));
  }

  @Test
  void parallelFinalizersRetryIndependently() throws Exception {
    TaskResult r = new TaskHarness(root, "parallel-final").run("""
        {"name": "parallel-final", "processes": [{"name": "main", "cmdline": "true"},
          {"name": "f1", "cmdline": "exit 1", "final": true, "max_failures": 2,
           "min_duration": 0},
          {"name": "f2", "cmdline": "true", "final": true}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(List.of(ProcessState.FAILED, ProcessState.FAILED),
        r.runs("f1").stream().map(ProcessStatus::getState).toList());
    assertEquals(ProcessState.SUCCESS, only(r, "f2").getState());
  }

  @Test
  void finalizersRunAfterTheRegularPlanFailed() throws Exception {
    TaskResult r = new TaskHarness(root, "failed-main").run("""
        {"name": "failed-main", "processes": [{"name": "main", "cmdline": "exit 1"},
          {"name": "fin", "cmdline": "true", "final": true}]}""");
    r.assertEnded(TaskState.FAILED);
    r.assertSequence("""
        ACTIVE header main:0/WAITING main:1/FORKED main:2/RUNNING main:3/FAILED=1
        CLEANING FINALIZING fin:0/WAITING fin:1/FORKED fin:2/RUNNING fin:3/SUCCESS=0 FAILED""");
  }

  @Test
  void aProcessIgnoringSigtermUsesUpTheWindowAndFinalizersNeverRun() throws Exception {
    TaskResult r = new TaskHarness(root, "stubborn").run("""
        {"name": "stubborn", "finalization_wait": 2, "processes": [
          {"name": "ign", "ephemeral": true,
           "cmdline": "trap '' TERM; touch ign.started; exec sleep 60"},
          {"name": "main", "cmdline": "while [ ! -e ign.started ]; do sleep 0.01; done"},
          {"name": "fin", "cmdline": "true", "final": true}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("ACTIVE CLEANING SUCCESS", r.taskStates());
    assertEquals("ign:0/WAITING ign:1/FORKED ign:2/RUNNING ign:3/KILLED=-1",
        r.processSequence("ign"));
    assertFalse(r.state().getProcesses().containsKey("fin"), r.sequence());
    // ign's end comes after the task's: the runner did not wait for it past the window.
    r.assertOrdered("main:3/SUCCESS=0", "CLEANING", "SUCCESS", "ign:3/KILLED=-1");
    long window = r.status(TaskState.SUCCESS).getTimestampMs()
        - r.status(TaskState.CLEANING).getTimestampMs();
    assertTrue(window >= 2000, "CLEANING to SUCCESS took " + window + " ms");
  }

  @Test
  void aFinalizerStillRunningWhenTheWindowClosesIsKilledAfterTheEnd() throws Exception {
    TaskResult r = new TaskHarness(root, "slow-final").run("""
        {"name": "slow-final", "finalization_wait": 1, "processes": [
          {"name": "main", "cmdline": "true"},
          {"name": "fin", "cmdline": "exec sleep 60", "final": true}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("ACTIVE CLEANING FINALIZING SUCCESS", r.taskStates());
    // Killed after the end, whatever it had reached when the window closed (on a loaded machine
    // perhaps not RUNNING yet): the runner did not wait for its 60 s sleep.
    ProcessStatus fin = only(r, "fin");
    assertEquals(ProcessState.KILLED, fin.getState(), r.processSequence("fin"));
    String[] finRecords = r.processSequence("fin").split(" ");
    r.assertOrdered("FINALIZING", "fin:0/WAITING", "SUCCESS", finRecords[finRecords.length - 1]);
    long window = r.status(TaskState.SUCCESS).getTimestampMs()
        - r.status(TaskState.CLEANING).getTimestampMs();
    assertTrue(window >= 1000, "CLEANING to SUCCESS took " + window + " ms");
  }

  private static ProcessStatus only(TaskResult r, String process) {
    List<ProcessStatus> runs = r.runs(process);
    assertEquals(1, runs.size(), r.processSequence(process));
    return runs.get(0);
  }
}
