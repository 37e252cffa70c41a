package dev.thermos.format;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;

/**
 * Builds the records of the runner stream with exactly the fields Aurora's writers set for each
 * state (§1.3 of the reference): WAITING {seq, process, state}; FORKED + {coordinator_pid,
 * fork_time}; RUNNING + {start_time, pid}; SUCCESS, FAILED, KILLED + {stop_time, return_code};
 * LOST and a launch failure nothing more.
 */
public final class Records {
  private Records() {}

  public static RunnerCkpt task(TaskState state, long timestampMs, int runnerPid, int runnerUid) {
    return RunnerCkpt.task_status(new TaskStatus()
        .setState(state)
        .setTimestampMs(timestampMs)
        .setRunnerPid(runnerPid)
        .setRunnerUid(runnerUid));
  }

  public static RunnerCkpt waiting(String process, long seq) {
    return RunnerCkpt.process_status(base(process, seq, ProcessState.WAITING));
  }

  public static RunnerCkpt forked(String process, long seq, double forkTime, int coordinatorPid) {
    return RunnerCkpt.process_status(base(process, seq, ProcessState.FORKED)
        .setForkTime(forkTime)
        .setCoordinatorPid(coordinatorPid));
  }

  public static RunnerCkpt running(String process, long seq, double startTime, int pid) {
    return RunnerCkpt.process_status(base(process, seq, ProcessState.RUNNING)
        .setStartTime(startTime)
        .setPid(pid));
  }

  /** SUCCESS, FAILED or KILLED with the stop time and return code. */
  public static RunnerCkpt ended(
      String process, long seq, ProcessState state, double stopTime, int returnCode) {
    if (state != ProcessState.SUCCESS && state != ProcessState.FAILED
        && state != ProcessState.KILLED) {
      throw new IllegalArgumentException("not an ending with a return code: " + state);
    }
    return RunnerCkpt.process_status(base(process, seq, state)
        .setStopTime(stopTime)
        .setReturnCode(returnCode));
  }

  /** LOST: the coordinator vanished; nothing is known of the end. */
  public static RunnerCkpt lost(String process, long seq) {
    return RunnerCkpt.process_status(base(process, seq, ProcessState.LOST));
  }

  /** FAILED without return code: the run could not be launched. */
  public static RunnerCkpt launchFailed(String process, long seq) {
    return RunnerCkpt.process_status(base(process, seq, ProcessState.FAILED));
  }

  private static ProcessStatus base(String process, long seq, ProcessState state) {
    return new ProcessStatus().setSeq(seq).setProcess(process).setState(state);
  }
}
