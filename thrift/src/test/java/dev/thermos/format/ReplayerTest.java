package dev.thermos.format;

import static dev.thermos.gen.ProcessState.FAILED;
import static dev.thermos.gen.ProcessState.KILLED;
import static dev.thermos.gen.ProcessState.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayerTest {
  private final Replayer replayer = new Replayer();

  private void apply(RunnerCkpt... records) throws ReplayException {
    for (RunnerCkpt r : records) {
      replayer.apply(r);
    }
  }

  private String refused(RunnerCkpt... records) {
    return assertThrows(ReplayException.class, () -> apply(records)).getMessage();
  }

  private static RunnerCkpt[] run(String p, long seq, ProcessState end, int rc) {
    return new RunnerCkpt[] {
        Records.waiting(p, seq), Records.forked(p, seq + 1, 10.0, 100),
        Records.running(p, seq + 2, 10.5, 101), Records.ended(p, seq + 3, end, 12.0, rc)};
  }

  @Test
  void runsAccumulateOldestFirstWithTheirLastFields() throws ReplayException {
    apply(run("p", 0, FAILED, 1));
    apply(run("p", 4, SUCCESS, 0));
    List<ProcessStatus> runs = replayer.state().getProcesses().get("p");
    assertEquals(2, runs.size());
    assertEquals(FAILED, runs.get(0).getState());
    assertEquals(3, runs.get(0).getSeq());
    assertEquals(SUCCESS, runs.get(1).getState());
    assertEquals(7, runs.get(1).getSeq());
    assertEquals(101, runs.get(1).getPid());
    assertEquals(100, runs.get(1).getCoordinatorPid());
  }

  @Test
  void failedRunsKeepReturnCodeAndStopTime() throws ReplayException {
    apply(run("p", 0, FAILED, 3));
    ProcessStatus failed = replayer.state().getProcesses().get("p").get(0);
    assertEquals(3, failed.getReturnCode());
    assertEquals(12.0, failed.getStopTime());
  }

  @Test
  void aLaunchFailureGoesFromWaitingToFailedWithoutReturnCode() throws ReplayException {
    apply(Records.waiting("p", 0), Records.launchFailed("p", 1), Records.waiting("p", 2));
    ProcessStatus failed = replayer.state().getProcesses().get("p").get(0);
    assertEquals(FAILED, failed.getState());
    assertFalse(failed.isSetReturnCode());
  }

  @Test
  void forkedMayEndKilledOrLost() throws ReplayException {
    apply(Records.waiting("p", 0), Records.forked("p", 1, 1.0, 5), Records.lost("p", 2));
    apply(Records.waiting("p", 3), Records.forked("p", 4, 1.0, 5),
        Records.ended("p", 5, KILLED, 2.0, -9));
    assertEquals(2, replayer.state().getProcesses().get("p").size());
  }

  @Test
  void theFirstRecordOfAProcessMustBeWaitingWithSeqZero() {
    assertEquals("process p: WAITING has seq 1, expected 0", refused(Records.waiting("p", 1)));
    assertEquals("process q: (none) -> RUNNING (a process's first record must be WAITING)",
        refused(Records.running("q", 0, 1.0, 2)));
  }

  @Test
  void sequenceNumbersMustBeConsecutive() {
    String message = refused(Records.waiting("p", 0), Records.forked("p", 2, 1.0, 2));
    assertEquals("process p: FORKED has seq 2, expected 1", message);
  }

  @Test
  void invalidTransitionsNameTheProcessAndTheTransition() {
    assertEquals("process p: WAITING -> RUNNING",
        refused(Records.waiting("p", 0), Records.running("p", 1, 1.0, 2)));
  }

  @Test
  void aNewRunOnlyAfterATerminalOne() {
    assertEquals("process p: FORKED -> WAITING",
        refused(Records.waiting("p", 0), Records.forked("p", 1, 1.0, 2), Records.waiting("p", 2)));
  }

  @Test
  void stateRequiredFieldsAreChecked() {
    RunnerCkpt bare = RunnerCkpt.process_status(
        new ProcessStatus().setSeq(1).setProcess("p").setState(ProcessState.FORKED));
    assertEquals("process p: FORKED record without fork_time",
        refused(Records.waiting("p", 0), bare));
  }

  @Test
  void aSecondHeaderIsAnError() {
    RunnerCkpt header = RunnerCkpt.runner_header(new RunnerHeader().setTaskId("t"));
    assertEquals("second runner header (the stream already has one)", refused(header, header));
  }

  @Test
  void taskStatusesAreKeptInOrderWithoutTransitionChecks() throws ReplayException {
    apply(Records.task(TaskState.ACTIVE, 1, 10, 0), Records.task(TaskState.KILLED, 2, 11, 0),
        Records.task(TaskState.ACTIVE, 3, 12, 0));
    assertEquals(3, replayer.state().getStatuses().size());
  }

  @Test
  void aRefusedRecordLeavesTheStateUnchanged() throws ReplayException {
    apply(Records.waiting("p", 0));
    refused(RunnerCkpt.process_status(
        new ProcessStatus().setSeq(1).setProcess("p").setState(ProcessState.FORKED).setForkTime(1)));
    assertEquals(ProcessState.WAITING, replayer.state().getProcesses().get("p").get(0).getState());
    assertEquals(0, replayer.state().getProcesses().get("p").get(0).getSeq());
  }

  @Test
  void aCoordinatorStreamReplaysWithItsWaitingsImplied() throws ReplayException {
    Replayer coordinator = Replayer.forCoordinatorStream();
    RunnerCkpt[] stream = {
        Records.forked("p", 1, 10.0, 100), Records.running("p", 2, 10.5, 101),
        Records.ended("p", 3, FAILED, 11.0, 3),
        Records.forked("p", 5, 12.0, 200), Records.running("p", 6, 12.5, 201),
        Records.ended("p", 7, SUCCESS, 13.0, 0)};
    for (RunnerCkpt r : stream) {
      coordinator.apply(r);
    }
    List<ProcessStatus> runs = coordinator.state().getProcesses().get("p");
    assertEquals(2, runs.size());
    assertEquals(FAILED, runs.get(0).getState());
    assertEquals(3, runs.get(0).getReturnCode());
    assertEquals(SUCCESS, runs.get(1).getState());
    assertEquals(201, runs.get(1).getPid());
    assertEquals(7, runs.get(1).getSeq());
  }

  @Test
  void aCoordinatorStreamStillChecksTransitionsAndSeq() {
    Replayer coordinator = Replayer.forCoordinatorStream();
    assertThrows(ReplayException.class, () -> {
      coordinator.apply(Records.forked("p", 1, 10.0, 100));
      coordinator.apply(Records.forked("p", 3, 10.0, 100));
    });
    Replayer other = Replayer.forCoordinatorStream();
    assertThrows(ReplayException.class, () -> other.apply(Records.running("p", 2, 10.5, 101)));
  }

  @Test
  void aRunnerStreamDoesNotImplyWaitings() {
    assertThrows(ReplayException.class, () -> replayer.apply(Records.forked("p", 1, 10.0, 100)));
  }
}
