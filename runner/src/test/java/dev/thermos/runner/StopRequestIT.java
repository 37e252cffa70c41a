package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TaskRunner#stop} from another thread while the task runs (what SIGTERM/SIGINT/SIGUSR1,
 * a second SIGINT and SIGUSR2 do): a graceful kill runs the finalizers, KILL_NOW and LOSE do not.
 */
class StopRequestIT {
  private static final String TASK = """
      {"name": "stoppable", "finalization_wait": 5, "processes": [
        {"name": "main", "cmdline": "exec sleep 60"},
        {"name": "fin", "cmdline": "echo finalized", "final": true}]}""";

  @TempDir Path root;

  @Test
  void aGracefulKillTerminatesRunsThenRunsFinalizersAndEndsKilled() throws Exception {
    LiveTask task = new TaskHarness(root, "kill").start(TASK);
    task.awaitProcess("main", ProcessState.RUNNING);
    task.stop(StopRequest.KILL);
    TaskResult r = task.await();
    r.assertEnded(TaskState.KILLED);
    r.assertSequence("""
        ACTIVE header main:0/WAITING main:1/FORKED main:2/RUNNING CLEANING main:3/KILLED=-15
        FINALIZING fin:0/WAITING fin:1/FORKED fin:2/RUNNING fin:3/SUCCESS=0 KILLED""");
    assertEquals("finalized\n", r.stdout("fin", 0));
  }

  @Test
  void killNowSkipsTheFinalizers() throws Exception {
    TaskResult r = stopWhileMainRuns("kill-now", StopRequest.KILL_NOW);
    r.assertEnded(TaskState.KILLED);
    assertEquals("ACTIVE CLEANING KILLED", r.taskStates());
    assertKilledWithoutFinalizers(r);
  }

  @Test
  void loseEndsTheTaskLostWithoutFinalizers() throws Exception {
    TaskResult r = stopWhileMainRuns("lose", StopRequest.LOSE);
    r.assertEnded(TaskState.LOST);
    assertEquals("ACTIVE CLEANING LOST", r.taskStates());
    assertKilledWithoutFinalizers(r);
  }

  @Test
  void aKillWhileAProcessWaitsOutItsMinDurationEndsTheTaskAtOnce() throws Exception {
    LiveTask task = new TaskHarness(root, "kill-waiting").start("""
        {"name": "kill-waiting", "processes": [
          {"name": "p", "cmdline": "exit 1", "max_failures": 5, "min_duration": 60}]}""");
    task.awaitProcess("p", ProcessState.FAILED);
    long asked = System.currentTimeMillis();
    task.stop(StopRequest.KILL);
    TaskResult r = task.await();
    r.assertEnded(TaskState.KILLED);
    r.assertSequence("""
        ACTIVE header p:0/WAITING p:1/FORKED p:2/RUNNING p:3/FAILED=1 CLEANING FINALIZING
        KILLED""");
    // Not a speed check: ending before the 60 s min_duration ran out means it was not waited.
    long took = r.status(TaskState.KILLED).getTimestampMs() - asked;
    assertTrue(took < 60_000, "ended " + took + " ms after the request");
  }

  @Test
  void killNowRightAfterTheLaunchEndsTheTaskPromptly() throws Exception {
    LiveTask task = new TaskHarness(root, "kill-early").start(TASK);
    task.awaitProcess("main", ProcessState.WAITING);
    task.stop(StopRequest.KILL_NOW);
    TaskResult r = task.await();
    r.assertEnded(TaskState.KILLED);
    // No finalization stage: the finalization window was not waited for.
    assertEquals("ACTIVE CLEANING KILLED", r.taskStates());
    assertFalse(r.state().getProcesses().containsKey("fin"), r.sequence());
  }

  private TaskResult stopWhileMainRuns(String id, StopRequest request) throws Exception {
    LiveTask task = new TaskHarness(root, id).start(TASK);
    task.awaitProcess("main", ProcessState.RUNNING);
    task.stop(request);
    return task.await();
  }

  private static void assertKilledWithoutFinalizers(TaskResult r) {
    assertFalse(r.state().getProcesses().containsKey("fin"), r.sequence());
    assertEquals(1, r.runs("main").size());
    assertEquals(ProcessState.KILLED, r.runs("main").get(0).getState(), r.sequence());
  }
}
