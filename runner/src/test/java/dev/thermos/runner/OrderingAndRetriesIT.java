package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §11.2 scenarios 1–5 and Aurora's integration DAG: order, retries, sequence numbers. */
class OrderingAndRetriesIT {
  @TempDir Path root;

  @Test
  void helloWorldWritesTheCanonicalRecordSequence() throws Exception {
    TaskResult r = new TaskHarness(root, "hello").run("""
        {"name": "hello", "processes": [{"name": "echo", "cmdline": "echo hello"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    r.assertSequence("""
        ACTIVE header echo:0/WAITING echo:1/FORKED echo:2/RUNNING echo:3/SUCCESS=0
        CLEANING FINALIZING SUCCESS""");
    assertEquals("echo:1/FORKED echo:2/RUNNING echo:3/SUCCESS=0", r.coordinatorSequence("echo"));
    assertEquals("hello\n", r.stdout("echo", 0));
  }

  @Test
  void retriesAreNumberedOnAcrossRunsAndWaitMinDurationAfterEachFailure() throws Exception {
    TaskResult r = new TaskHarness(root, "retries").run("""
        {"name": "retries", "processes": [
          {"name": "p", "cmdline": "exit 1", "max_failures": 3, "min_duration": 1}]}""");
    r.assertEnded(TaskState.FAILED);
    r.assertSequence("""
        ACTIVE header
        p:0/WAITING p:1/FORKED p:2/RUNNING p:3/FAILED=1
        p:4/WAITING p:5/FORKED p:6/RUNNING p:7/FAILED=1
        p:8/WAITING p:9/FORKED p:10/RUNNING p:11/FAILED=1
        CLEANING FINALIZING FAILED""");
    assertEquals("p:1/FORKED p:2/RUNNING p:3/FAILED=1 p:5/FORKED p:6/RUNNING p:7/FAILED=1 "
        + "p:9/FORKED p:10/RUNNING p:11/FAILED=1", r.coordinatorSequence("p"));
    List<ProcessStatus> runs = r.runs("p");
    for (int i = 1; i < runs.size(); i++) {
      double gap = runs.get(i).getStartTime() - runs.get(i - 1).getStopTime();
      assertTrue(gap >= 1.0, "run " + i + " started " + gap + " s after the previous stop");
    }
  }

  @Test
  void processesThatSucceedAfterFailuresLeaveTheTaskSuccessful() throws Exception {
    TaskResult r = new TaskHarness(root, "flaky").run("""
        {"name": "flaky", "processes": [
          {"name": "p1", "cmdline": "%s", "max_failures": 5, "min_duration": 0},
          {"name": "p2", "cmdline": "%s", "max_failures": 5, "min_duration": 0},
          {"name": "p3", "cmdline": "%s", "max_failures": 5, "min_duration": 0}]}"""
        .formatted(succeedOnRun("p1", 1), succeedOnRun("p2", 2), succeedOnRun("p3", 3)));
    r.assertEnded(TaskState.SUCCESS);
    for (int k = 1; k <= 3; k++) {
      List<ProcessStatus> runs = r.runs("p" + k);
      assertEquals(k, runs.size(), r.processSequence("p" + k));
      for (int i = 0; i < k - 1; i++) {
        assertEquals(ProcessState.FAILED, runs.get(i).getState());
      }
      assertEquals(ProcessState.SUCCESS, runs.get(k - 1).getState());
    }
  }

  @Test
  void aFailedProcessBlocksItsSuccessorsAndFailsTheTask() throws Exception {
    TaskResult r = new TaskHarness(root, "blocked").run("""
        {"name": "blocked", "max_failures": 2,
         "processes": [{"name": "a", "cmdline": "true"}, {"name": "b", "cmdline": "exit 1"},
                       {"name": "c", "cmdline": "true"}],
         "constraints": [{"order": ["a", "b", "c"]}]}""");
    r.assertEnded(TaskState.FAILED);
    r.assertSequence("""
        ACTIVE header a:0/WAITING a:1/FORKED a:2/RUNNING a:3/SUCCESS=0
        b:0/WAITING b:1/FORKED b:2/RUNNING b:3/FAILED=1 CLEANING FINALIZING FAILED""");
    assertFalse(r.state().getProcesses().containsKey("c"));
  }

  @Test
  void aTaskWithoutAFailureLimitSucceedsWhateverItsProcessesDo() throws Exception {
    TaskResult r = new TaskHarness(root, "tolerant").run("""
        {"name": "tolerant", "max_failures": 0, "processes": [
          {"name": "f1", "cmdline": "exit 1", "max_failures": 2, "min_duration": 0},
          {"name": "f2", "cmdline": "exit 2", "max_failures": 2, "min_duration": 0},
          {"name": "f3", "cmdline": "exit 3", "max_failures": 2, "min_duration": 0},
          {"name": "s1", "cmdline": "true"}, {"name": "s2", "cmdline": "true"},
          {"name": "s3", "cmdline": "true"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    for (int k = 1; k <= 3; k++) {
      assertEquals("f%d:0/WAITING f%d:1/FORKED f%d:2/RUNNING f%d:3/FAILED=%d f%d:4/WAITING "
          .formatted(k, k, k, k, k, k) + "f%d:5/FORKED f%d:6/RUNNING f%d:7/FAILED=%d"
          .formatted(k, k, k, k), r.processSequence("f" + k));
      assertEquals("s%d:0/WAITING s%d:1/FORKED s%d:2/RUNNING s%d:3/SUCCESS=0"
          .formatted(k, k, k, k), r.processSequence("s" + k));
    }
  }

  @Test
  void aDagRunsEachProcessOnceAfterItsPredecessorsWithAuroraTimestamps() throws Exception {
    TaskResult r = new TaskHarness(root, "complex").ports(Map.of("named_port", 8123)).run("""
        {"name": "complex", "processes": [
          {"name": "t1", "cmdline": "echo 1 port {{thermos.ports[named_port]}}"},
          {"name": "t2", "cmdline": "echo 1"}, {"name": "t3", "cmdline": "echo 1"},
          {"name": "t4", "cmdline": "echo 1"}, {"name": "t5", "cmdline": "echo 1"},
          {"name": "t6", "cmdline": "echo 1"}],
         "constraints": [{"order": ["t1", "t3"]}, {"order": ["t1", "t4"]},
          {"order": ["t2", "t3"]}, {"order": ["t2", "t4"]}, {"order": ["t3", "t5"]},
          {"order": ["t3", "t6"]}, {"order": ["t4", "t5"]}, {"order": ["t4", "t6"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(Map.of("named_port", 8123L), r.state().getHeader().getPorts());
    assertEquals("1 port 8123\n", r.stdout("t1", 0));
    for (int k = 1; k <= 6; k++) {
      List<ProcessStatus> runs = r.runs("t" + k);
      assertEquals(1, runs.size());
      ProcessStatus run = runs.get(0);
      assertEquals(ProcessState.SUCCESS, run.getState());
      assertTrue(run.getForkTime() <= run.getStartTime(), "fork before start: " + run);
      assertTrue(run.getStartTime() < run.getStopTime(), "start before stop: " + run);
    }
    String[][] edges = {{"t1", "t3"}, {"t1", "t4"}, {"t2", "t3"}, {"t2", "t4"}, {"t3", "t5"},
        {"t3", "t6"}, {"t4", "t5"}, {"t4", "t6"}};
    for (String[] e : edges) {
      assertTrue(r.runs(e[0]).get(0).getStopTime() <= r.runs(e[1]).get(0).getForkTime(),
          e[1] + " forked before " + e[0] + " stopped");
    }
    assertTrue(r.sequence().startsWith("ACTIVE header t1:0/WAITING t2:0/WAITING t1:1/FORKED")
        || r.sequence().startsWith("ACTIVE header t1:0/WAITING t2:0/WAITING t2:1/FORKED"),
        "the WAITING records of one pass come before their FORKED records: " + r.sequence());
  }

  /** A command line that fails until its {@code run}-th run, counting runs in the sandbox. */
  static String succeedOnRun(String name, int run) {
    return "n=$(( $(cat %s.count 2>/dev/null || echo 0) + 1 )); echo $n > %s.count; [ $n -ge %d ]"
        .formatted(name, name, run);
  }
}
