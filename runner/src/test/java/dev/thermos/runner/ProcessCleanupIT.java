package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §11.2 scenarios 13, 14 and 31 (Aurora's test_staged_kill): a user process or coordinator
 * killed under a live runner, and the process group of a finished run.
 */
class ProcessCleanupIT {
  /** Blocks on its first run, succeeds at once on later runs. */
  private static final String SECOND_RUN_SUCCEEDS = """
      {"name": "staged", "processes": [{"name": "p", "min_duration": 1,
        "cmdline": "if [ -e once ]; then exit 0; fi; echo $$ > once; exec sleep 60"}]}""";

  @TempDir Path root;

  @Test
  void aUserProcessKilledBySignalIsRecordedKilledAndRerunAsALoss() throws Exception {
    LiveTask task = new TaskHarness(root, "user-killed").start(SECOND_RUN_SUCCEEDS);
    ProcessStatus running = task.awaitProcess("p", ProcessState.RUNNING);
    assertEquals(Integer.toString(running.getPid()), task.awaitFile("once"));
    LibC.kill(running.getPid(), LibC.SIGKILL);
    TaskResult r = task.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("p:0/WAITING p:1/FORKED p:2/RUNNING p:3/KILLED=-9 p:4/WAITING p:5/FORKED "
        + "p:6/RUNNING p:7/SUCCESS=0", r.processSequence("p"));
    DaemonsAndEphemeralsIT.assertGapsAtLeast(r.runs("p"), 1.0);
  }

  @Test
  void aKilledCoordinatorMakesTheRunLostItsGroupKilledAndARerun() throws Exception {
    LiveTask task = new TaskHarness(root, "coordinator-killed").start(SECOND_RUN_SUCCEEDS);
    ProcessStatus forked = task.awaitProcess("p", ProcessState.FORKED);
    ProcessStatus running = task.awaitProcess("p", ProcessState.RUNNING);
    assertEquals(Integer.toString(running.getPid()), task.awaitFile("once"));
    LibC.kill(forked.getCoordinatorPid(), LibC.SIGKILL);
    task.awaitRecord("p LOST", rec -> rec.isSetProcessStatus()
        && rec.getProcessStatus().getState() == ProcessState.LOST);
    task.awaitTrue("the orphaned user process killed", () -> !TaskProcesses.alive(running.getPid()));
    TaskResult r = task.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("p:0/WAITING p:1/FORKED p:2/RUNNING p:3/LOST p:4/WAITING p:5/FORKED "
        + "p:6/RUNNING p:7/SUCCESS=0", r.processSequence("p"));
    ProcessStatus lost = r.runs("p").get(0);
    assertFalse(lost.isSetStopTime() || lost.isSetReturnCode(), "LOST carries no end: " + lost);
  }

  @Test
  void aStrayChildOfASuccessfulProcessIsKilledWhileTheTaskGoesOn() throws Exception {
    LiveTask task = new TaskHarness(root, "stray").start("""
        {"name": "stray", "processes": [
          {"name": "parent", "cmdline": "sleep 60 & echo $! > stray.pid; exit 0"},
          {"name": "holder", "cmdline": "while [ ! -e release ]; do sleep 0.01; done"}]}""");
    task.awaitProcess("parent", ProcessState.SUCCESS);
    int stray = Integer.parseInt(task.awaitFile("stray.pid"));
    task.awaitTrue("the stray child killed", () -> !TaskProcesses.alive(stray));
    assertFalse(task.ended());
    Files.createFile(root.resolve("sandbox/stray/release"));
    TaskResult r = task.await();
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("parent:0/WAITING parent:1/FORKED parent:2/RUNNING parent:3/SUCCESS=0",
        r.processSequence("parent"));
  }

  @Test
  void anOrphanThatLeftItsSessionIsAskedToStopWithTheTask() throws Exception {
    // The orphan lands under the spawner (a child subreaper), not the runner: SIGTERM reaches it.
    // The leaver waits until the orphan has left its session: before that, the orphan is still in
    // the run's group, which the run's end kills (what the run leaves in its group dies with it).
    LiveTask task = new TaskHarness(root, "orphan-term").start("""
        {"name": "orphan-term", "finalization_wait": 10, "processes": [
          {"name": "leaver", "cmdline": "setsid bash -c 'trap \\"echo term > orphan.term; exit 0\\" TERM; touch orphan.ready; while :; do sleep 0.05; done' & while [ ! -e orphan.ready ]; do sleep 0.01; done; exit 0"},
          {"name": "main", "cmdline": "exec sleep 60"}]}""");
    task.awaitProcess("leaver", ProcessState.SUCCESS);
    task.awaitTrue("the orphan ready", () -> Files.exists(root.resolve(
        "sandbox/orphan-term/orphan.ready")));
    task.stop(StopRequest.KILL);
    assertEquals("term", task.awaitFile("orphan.term"));
    task.await().assertEnded(TaskState.KILLED);
  }

  @Test
  void nothingStartedByAnyProcessOutlivesTheTask() throws Exception {
    LiveTask task = new TaskHarness(root, "leaky").start("""
        {"name": "leaky", "finalization_wait": 1, "processes": [
          {"name": "daemonizer", "cmdline":
           "setsid sh -c 'echo $$ > detached.pid; exec sleep 60' & while [ ! -s detached.pid ]; do sleep 0.01; done"},
          {"name": "main", "cmdline": "while [ ! -e release ]; do sleep 0.01; done"}]}""");
    int detached = Integer.parseInt(task.awaitFile("detached.pid"));
    task.awaitProcess("daemonizer", ProcessState.SUCCESS);
    assertTrue(TaskProcesses.alive(detached), "setsid left the run's group and session");
    Files.createFile(root.resolve("sandbox/leaky/release"));
    TaskResult r = task.await();
    r.assertEnded(TaskState.SUCCESS);
    assertFalse(TaskProcesses.alive(detached), "the setsid'ed grandchild survived the task");
  }

  @Test
  void anOrphanThatClearedItsEnvironmentAndSessionDiesWithTheTask() throws Exception {
    // Neither the marker (env -i) nor the run's group or session (setsid) holds it, and its
    // parent is gone: it is an orphan below the runner, in a session the runner did not make.
    LiveTask task = new TaskHarness(root, "hidden").start("""
        {"name": "hidden", "finalization_wait": 1, "processes": [
          {"name": "daemonizer", "cmdline":
           "( setsid env -i sh -c 'echo $$ > hidden.pid; exec sleep 60' & ); while [ ! -s hidden.pid ]; do sleep 0.01; done"},
          {"name": "main", "cmdline": "while [ ! -e release ]; do sleep 0.01; done"}]}""");
    int hidden = Integer.parseInt(task.awaitFile("hidden.pid"));
    task.awaitProcess("daemonizer", ProcessState.SUCCESS);
    assertTrue(TaskProcesses.alive(hidden), "the orphan outlived its run");
    Files.createFile(root.resolve("sandbox/hidden/release"));
    TaskResult r = task.await();
    r.assertEnded(TaskState.SUCCESS);
    long deadline = System.nanoTime() + 2_000_000_000L;  // SIGKILL is asynchronous
    while (TaskProcesses.alive(hidden) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(TaskProcesses.alive(hidden), "the orphan without the task's environment survived");
  }

  @Test
  void aStrangerWithTheSandboxAsHomeSurvivesTheTask() throws Exception {
    LiveTask task = new TaskHarness(root, "stranger").start("""
        {"name": "stranger", "processes": [
          {"name": "main", "cmdline": "while [ ! -e release ]; do sleep 0.01; done"}]}""");
    task.awaitProcess("main", ProcessState.RUNNING);
    Process stranger = new ProcessBuilder("env", "HOME=" + root.resolve("sandbox/stranger"),
        "sleep", "60").start();
    try {
      Files.createFile(root.resolve("sandbox/stranger/release"));
      task.await().assertEnded(TaskState.SUCCESS);
      assertTrue(stranger.isAlive(), "the sweep killed a process that only had HOME=<sandbox>");
    } finally {
      stranger.destroyForcibly();
    }
  }
}
