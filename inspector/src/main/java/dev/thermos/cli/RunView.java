package dev.thermos.cli;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live display's own copy of a run: the task's state and one {@link ProcessRow} per process,
 * in the order the runner first told of them. Updated from records on the runner's thread (one
 * map update per record); a task status record (the first one of every start, a resume's
 * included) copies every process from the replayed state, so a resumed runner shows the processes
 * it adopted. Not thread-safe: {@link RunProgress} guards it.
 */
final class RunView {
  private final String taskId;
  private final Map<String, ProcessRow> rows = new LinkedHashMap<>();
  private String taskState = "";
  private double launchSecs = Double.NaN;

  RunView(String taskId) {
    this.taskId = taskId;
  }

  /** A consistent copy for rendering on another thread. */
  record Snapshot(String taskId, String taskState, double launchSecs, List<ProcessRow> rows) {}

  /**
   * Takes in a durable record; {@code state} already includes it (and may include later records of
   * the same group).
   *
   * @return the row the record changed, or null for a task status record
   */
  ProcessRow apply(RunnerCkpt record, RunnerState state) {
    if (record.isSetRunnerHeader() || Double.isNaN(launchSecs) && state.isSetHeader()) {
      launchSecs = state.getHeader().getLaunchTimeMs() / 1000.0;
    }
    if (record.isSetTaskStatus()) {
      taskState = record.getTaskStatus().getState().name();
      copyAll(state);
      return null;
    }
    if (!record.isSetProcessStatus()) {
      return null;
    }
    ProcessStatus status = record.getProcessStatus();
    String name = status.getProcess();
    List<ProcessStatus> runs = state.getProcesses().get(name);
    ProcessRow before = rows.get(name);
    int failures = before == null ? 0 : before.failures();
    Integer lastFailedRc = before == null ? null : before.lastFailedRc();
    if (status.getState() == ProcessState.FAILED) {
      failures++;
      lastFailedRc = status.isSetReturnCode() ? status.getReturnCode() : null;
    }
    // The record's own run: the state may already hold later records of the same group (an end
    // and the next run's WAITING go out together), so the latest run is not always it.
    int run = runs.size() - 1;
    while (run > 0 && status.isSetSeq() && runs.get(run).getSeq() > status.getSeq()
        && runs.get(run - 1).getSeq() >= status.getSeq()) {
      run--;
    }
    ProcessStatus latest = runs.get(run);
    double longest = Math.max(before == null ? 0 : before.longestSecs(),
        ProcessRow.lifetime(latest));
    ProcessRow row = ProcessRow.of(name, status.getState(), run, latest, failures,
        lastFailedRc, longest);
    rows.put(name, row);
    return row;
  }

  private void copyAll(RunnerState state) {
    if (!state.isSetProcesses()) {
      return;
    }
    state.getProcesses().forEach((name, runs) -> {
      if (runs.isEmpty()) {
        return;
      }
      int failures = 0;
      Integer lastFailedRc = null;
      double longest = 0;
      for (ProcessStatus run : runs) {
        longest = Math.max(longest, ProcessRow.lifetime(run));
        if (run.getState() == ProcessState.FAILED) {
          failures++;
          lastFailedRc = run.isSetReturnCode() ? run.getReturnCode() : null;
        }
      }
      ProcessStatus latest = runs.get(runs.size() - 1);
      rows.put(name, ProcessRow.of(name, latest.getState(), runs.size() - 1, latest, failures,
          lastFailedRc, longest));
    });
  }

  String taskState() {
    return taskState;
  }

  Snapshot snapshot() {
    return new Snapshot(taskId, taskState, launchSecs, new ArrayList<>(rows.values()));
  }
}
