package dev.thermos.format;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Rebuilds a {@link RunnerState} from checkpoint records, enforcing Aurora's replay rules. The
 * runner, the inspector and the observer all replay through this class.
 *
 * <p>Process runs. Each process has a list of runs, oldest first. Records of one process carry
 * consecutive sequence numbers across all its runs; the first is a WAITING with seq 0. A WAITING
 * opens a new run, and only after the previous run ended. Within a run:
 *
 * <pre>
 *   (WAITING) --> FORKED --> RUNNING --> [SUCCESS]
 *       |           |          |-------> [FAILED]
 *       |           |          |-------> [KILLED]
 *       |           |          `-------> [LOST]
 *       |           |------------------> [KILLED]
 *       |           `------------------> [LOST]
 *       `------------------------------> [FAILED]   (could not be launched)
 *
 *   [SUCCESS | FAILED | KILLED | LOST] --> (WAITING)   the next run, seq continuing
 * </pre>
 *
 * Fields a state must carry, copied into the run: FORKED {@code fork_time, coordinator_pid};
 * RUNNING {@code start_time, pid}; SUCCESS and KILLED {@code stop_time, return_code}. FAILED copies
 * {@code stop_time} and {@code return_code} when present (Aurora's dispatcher drops them, a bug we
 * fix; a launch failure from WAITING has neither). LOST carries nothing.
 *
 * <p>Task statuses. Appended in order, without transition checks (any stage may follow any other:
 * a restarted runner or a kill tool appends the state it found). The usual path:
 *
 * <pre>
 *   (ACTIVE) ---> CLEANING ---> FINALIZING ---> [SUCCESS | FAILED | KILLED | LOST]
 *       |             `----------------------------^   (window expired in CLEANING)
 *       `------------------------------------------^   (kill tools)
 * </pre>
 *
 * <p>The header may appear once, anywhere (Aurora writes it after the first ACTIVE).
 *
 * <p>A coordinator's stream ({@code checkpoints/<task>/coordinator.<process>}) holds only what the
 * coordinator wrote: each run's FORKED, RUNNING and end, the WAITING being in the runner's stream.
 * {@link #forCoordinatorStream()} replays it: a FORKED that opens a run implies the WAITING at
 * the seq before it (never below the next expected seq).
 */
public final class Replayer {
  private final RunnerState state = new RunnerState();
  private final boolean impliedWaiting;

  /** A replayer of a runner's stream. */
  public Replayer() {
    this(false);
  }

  private Replayer(boolean impliedWaiting) {
    this.impliedWaiting = impliedWaiting;
    state.setStatuses(new ArrayList<>());
    state.setProcesses(new LinkedHashMap<>());
  }

  /** A replayer of a coordinator's stream, whose runs start at FORKED. */
  public static Replayer forCoordinatorStream() {
    return new Replayer(true);
  }

  /** The state so far. Live: later {@link #apply} calls change it. */
  public RunnerState state() {
    return state;
  }

  /** Applies one record, or throws without changing the state. */
  public void apply(RunnerCkpt record) throws ReplayException {
    if (record.isSetProcessStatus()) {
      applyProcess(record.getProcessStatus());
    } else if (record.isSetTaskStatus()) {
      applyTask(record.getTaskStatus());
    } else if (record.isSetRunnerHeader()) {
      applyHeader(record.getRunnerHeader());
    } else {
      throw new ReplayException("empty RunnerCkpt");
    }
  }

  private void applyHeader(RunnerHeader header) throws ReplayException {
    if (state.isSetHeader()) {
      throw new ReplayException("second runner header (the stream already has one)");
    }
    state.setHeader(header);
  }

  private void applyTask(TaskStatus status) throws ReplayException {
    if (!status.isSetState()) {
      throw new ReplayException("task status without a state");
    }
    state.getStatuses().add(status);
  }

  private void applyProcess(ProcessStatus update) throws ReplayException {
    if (!update.isSetProcess()) {
      throw new ReplayException("process status without a process name");
    }
    String name = update.getProcess();
    if (!update.isSetState()) {
      throw new ReplayException("process " + name + ": record without a state");
    }
    if (!update.isSetSeq()) {
      throw new ReplayException("process " + name + ": " + update.getState() + " record without seq");
    }
    List<ProcessStatus> runs = state.getProcesses().get(name);
    ProcessStatus current = runs == null ? null : runs.get(runs.size() - 1);
    long expectedSeq = current == null ? 0 : current.getSeq() + 1;
    if (impliedWaiting && update.getState() == ProcessState.FORKED
        && (current == null || isTerminal(current.getState()))
        && update.getSeq() > expectedSeq) {
      applyProcess(new ProcessStatus().setProcess(name).setState(ProcessState.WAITING)
          .setSeq(update.getSeq() - 1));
      applyProcess(update);
      return;
    }
    if (update.getSeq() != expectedSeq) {
      throw new ReplayException("process " + name + ": " + update.getState() + " has seq "
          + update.getSeq() + ", expected " + expectedSeq);
    }
    ProcessState to = update.getState();
    if (to == ProcessState.WAITING) {
      if (current != null && !isTerminal(current.getState())) {
        throw transition(name, current.getState(), to);
      }
      if (runs == null) {
        runs = new ArrayList<>(4);
        state.getProcesses().put(name, runs);
      }
      runs.add(new ProcessStatus().setSeq(update.getSeq()).setProcess(name).setState(to));
      return;
    }
    if (current == null) {
      throw new ReplayException("process " + name + ": (none) -> " + to
          + " (a process's first record must be WAITING)");
    }
    ProcessState from = current.getState();
    if (!allowed(from, to)) {
      throw transition(name, from, to);
    }
    copyFields(name, current, update);
  }

  private static void copyFields(String name, ProcessStatus run, ProcessStatus update)
      throws ReplayException {
    switch (update.getState()) {
      case FORKED -> {
        require(name, update, update.isSetForkTime(), "fork_time");
        require(name, update, update.isSetCoordinatorPid(), "coordinator_pid");
        run.setForkTime(update.getForkTime());
        run.setCoordinatorPid(update.getCoordinatorPid());
      }
      case RUNNING -> {
        require(name, update, update.isSetStartTime(), "start_time");
        require(name, update, update.isSetPid(), "pid");
        run.setStartTime(update.getStartTime());
        run.setPid(update.getPid());
      }
      case SUCCESS, KILLED -> {
        require(name, update, update.isSetStopTime(), "stop_time");
        require(name, update, update.isSetReturnCode(), "return_code");
        run.setStopTime(update.getStopTime());
        run.setReturnCode(update.getReturnCode());
      }
      case FAILED -> {
        if (update.isSetStopTime()) {
          run.setStopTime(update.getStopTime());
        }
        if (update.isSetReturnCode()) {
          run.setReturnCode(update.getReturnCode());
        }
      }
      default -> { }
    }
    run.setSeq(update.getSeq());
    run.setState(update.getState());
  }

  private static void require(String name, ProcessStatus update, boolean present, String field)
      throws ReplayException {
    if (!present) {
      throw new ReplayException(
          "process " + name + ": " + update.getState() + " record without " + field);
    }
  }

  private static boolean allowed(ProcessState from, ProcessState to) {
    return switch (from) {
      case WAITING -> to == ProcessState.FORKED || to == ProcessState.FAILED;
      case FORKED -> to == ProcessState.RUNNING || to == ProcessState.KILLED
          || to == ProcessState.LOST;
      case RUNNING -> to == ProcessState.SUCCESS || to == ProcessState.FAILED
          || to == ProcessState.KILLED || to == ProcessState.LOST;
      default -> false;
    };
  }

  private static ReplayException transition(String name, ProcessState from, ProcessState to) {
    return new ReplayException("process " + name + ": " + from + " -> " + to);
  }

  /** SUCCESS, FAILED, KILLED and LOST end a run. */
  public static boolean isTerminal(ProcessState state) {
    return state == ProcessState.SUCCESS || state == ProcessState.FAILED
        || state == ProcessState.KILLED || state == ProcessState.LOST;
  }

  /** SUCCESS, FAILED, KILLED and LOST end a task (null, no status yet, does not). */
  public static boolean isTerminal(TaskState state) {
    return state == TaskState.SUCCESS || state == TaskState.FAILED || state == TaskState.KILLED
        || state == TaskState.LOST;
  }
}
