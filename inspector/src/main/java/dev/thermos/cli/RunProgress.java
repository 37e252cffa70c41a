package dev.thermos.cli;

import dev.thermos.format.Replayer;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.runner.RunObserver;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a run's progress. On a terminal: one line per process (state, run, pid, elapsed) redrawn in
 * place under the task's state. Otherwise: one plain line per transition.
 */
final class RunProgress implements RunObserver {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final PrintWriter out;
  private final boolean terminal;
  private final Map<String, ProcessStatus> lastRuns = new LinkedHashMap<>();
  private final Map<String, Integer> runCounts = new LinkedHashMap<>();
  private String taskState = "";
  private int drawnLines;

  RunProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onRecord(RunnerCkpt record, RunnerState state) {
    if (record.isSetTaskStatus()) {
      taskState = record.getTaskStatus().getState().name();
      if (!terminal) {
        out.println(now() + " task " + taskState);
      }
    } else if (record.isSetProcessStatus()) {
      String p = record.getProcessStatus().getProcess();
      List<ProcessStatus> runs = state.getProcesses().get(p);
      lastRuns.put(p, runs.get(runs.size() - 1));
      runCounts.put(p, runs.size());
      if (!terminal) {
        out.println(now() + " " + line(p, record.getProcessStatus().getState()));
      }
    }
    if (terminal) {
      redraw();
    }
    out.flush();
  }

  private void redraw() {
    if (drawnLines > 0) {
      out.print("\033[" + drawnLines + "F");
    }
    out.print("\033[J");
    out.println("task " + taskState);
    for (String p : lastRuns.keySet()) {
      out.println("  " + line(p, lastRuns.get(p).getState()));
    }
    drawnLines = 1 + lastRuns.size();
  }

  /** The process's line; {@code state} is the record's, which may precede the run's latest. */
  private String line(String process, ProcessState state) {
    ProcessStatus run = lastRuns.get(process);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-20s %-8s run %d",
        process, state, runCounts.get(process) - 1));
    if (run.isSetPid() && state != ProcessState.WAITING && state != ProcessState.FORKED) {
      b.append(" pid ").append(run.getPid());
    }
    if (run.isSetReturnCode() && Replayer.isTerminal(state)) {
      b.append(" rc ").append(run.getReturnCode());
    }
    if (run.isSetStartTime() && state != ProcessState.FORKED) {
      double end = run.isSetStopTime() ? run.getStopTime() : System.currentTimeMillis() / 1000.0;
      b.append(String.format(Locale.ROOT, " %.1fs", end - run.getStartTime()));
    }
    return b.toString();
  }

  private static String now() {
    return LocalTime.ofInstant(Instant.now(), ZoneId.systemDefault()).format(TIME);
  }
}
