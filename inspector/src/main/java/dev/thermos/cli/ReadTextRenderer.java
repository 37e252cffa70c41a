package dev.thermos.cli;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.TaskSideFiles;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Aurora's {@code thermos read} layout: the header, the task states, then each process with its
 * runs newest first. Times are C {@code asctime} in local time. Unlike Aurora, a run without a pid
 * prints {@code pid=None} (Aurora crashed there) and FAILED runs show their return code and finish
 * time (Aurora's replay dropped them).
 */
final class ReadTextRenderer {
  private final PrintWriter out;
  private final Asctime asctime;

  ReadTextRenderer(PrintWriter out) {
    this(out, ZoneId.systemDefault());
  }

  ReadTextRenderer(PrintWriter out, ZoneId zone) {
    this.out = out;
    this.asctime = new Asctime(zone);
  }

  void render(RunnerState state) {
    render(state, TaskSideFiles.NONE);
  }

  /** As above, each run stopped by {@code max_runtime} or a health check saying so. */
  void render(RunnerState state, TaskSideFiles side) {
    renderHeader(state.getHeader());
    out.println("Recovered Task States:");
    for (TaskStatus s : state.getStatuses()) {
      out.println("  " + asctime.millis(s.isSetTimestampMs() ? s.getTimestampMs() : 0)
          + " [pid: " + (s.isSetRunnerPid() ? Integer.toString(s.getRunnerPid()) : "None")
          + "] => " + s.getState());
    }
    out.println("Recovered Processes:");
    for (Map.Entry<String, List<ProcessStatus>> e : state.getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      out.println("  " + e.getKey() + "   runs: " + runs.size()
          + StatusTextRenderer.health(side, e.getKey(), runs));
      for (int k = runs.size() - 1; k >= 0; k--) {
        out.println(runLine(k, runs.get(k))
            + StatusTextRenderer.why(side, e.getKey(), k, runs.get(k)));
      }
    }
  }

  private void renderHeader(RunnerHeader h) {
    out.println("Recovered Task Header:");
    if (h == null) {
      out.println("  (none: the stream has no header yet)");
      return;
    }
    out.println("  id:      " + h.getTaskId());
    out.println("  user:    " + h.getUser());
    out.println("  host:    " + h.getHostname());
    out.println("  sandbox: " + h.getSandbox());
    if (h.isSetPorts() && !h.getPorts().isEmpty()) {
      out.println("  ports:   " + h.getPorts().entrySet().stream()
          .map(p -> p.getKey() + "->" + p.getValue())
          .collect(Collectors.joining(" ")));
    }
  }

  private String runLine(int k, ProcessStatus run) {
    return String.format(Locale.ROOT, "    %2d: pid=%s, rc=%s, finish:%s, state:%s",
        k,
        run.isSetPid() ? Integer.toString(run.getPid()) : "None",
        run.isSetReturnCode() ? Integer.toString(run.getReturnCode()) : "",
        run.isSetStopTime() ? asctime.seconds(run.getStopTime()) : "None",
        run.getState());
  }
}
