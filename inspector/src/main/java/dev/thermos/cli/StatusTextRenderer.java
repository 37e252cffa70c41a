package dev.thermos.cli;

import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.monitor.TaskSideFiles;
import dev.thermos.monitor.TaskSummary;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Aurora's {@code thermos status} text for one task, by verbosity:
 *
 * <pre>
 *   task_id              [owner:     root]                    (0)
 *     state:  SUCCESS start:  Tue May 15 16:05:43 2012        (1; or " - checkpoint stream CORRUPT: why")
 *     state:   ACTIVE start: ... runner: dead                  (1, an active task: alive (pid N) or
 *     resume: thermos run --root ... --task_id ... FILE         dead, then how to resume it;
 *                                                             ", held" after it when held)
 *     user: root ports: http -> 8080                          (2; "ports: None" without ports)
 *     sandbox: /var/lib/thermos/sandbox/x
 *       - echo runs: 2, RUNNING, up 3m12s                     (2 only: runs, state, uptime)
 *       - web runs: 4, FAILED, restarting in 8s               (2 only: the wait before a restart)
 *       - db runs: 2, RUNNING, up 9s, healthy                 (2 only: the health of a checked run)
 *       - job runs: 3, FAILED (timed out)                     (2 only: a run stopped by max_runtime)
 *     process table:                                          (3, then a blank line)
 *       - echo runs: 1 last: pid=43479, rc=0, finish:Tue May 15 16:05:43 2012, state:SUCCESS
 * </pre>
 *
 * Unlike Aurora, FAILED runs show their return code and finish time, a corrupt stream names what
 * is wrong, an active task says whether its runner is alive, and the id and state columns widen
 * to the longest id and state of the section (20 and 8 as Aurora's, at least).
 */
final class StatusTextRenderer {
  private final PrintWriter out;
  private final int verbosity;
  private final Asctime asctime;
  private final String idFormat;
  private final String stateFormat;
  private final java.time.Clock clock;

  StatusTextRenderer(PrintWriter out, int verbosity, ZoneId zone, int longestId,
      int longestState) {
    this(out, verbosity, zone, longestId, longestState, java.time.Clock.systemUTC());
  }

  StatusTextRenderer(PrintWriter out, int verbosity, ZoneId zone, int longestId,
      int longestState, java.time.Clock clock) {
    this.clock = clock;
    this.out = out;
    this.verbosity = verbosity;
    this.asctime = new Asctime(zone);
    this.idFormat = "  %-" + Math.max(20, longestId) + "s [owner: %8s]";
    this.stateFormat = "  state: %" + Math.max(8, longestState) + "s";
  }

  /**
   * One task; {@code summary} is only read at verbosity 1 and more (may be null below), as are
   * {@code runner} (null for a finished task) and {@code resume}.
   */
  void render(String taskId, String owner, TaskSummary summary, RunnerLiveness runner,
      String resume) {
    render(taskId, owner, summary, runner, resume, Map.of());
  }

  /** As above, with the seconds each waiting process has left before its next run (at -vv). */
  void render(String taskId, String owner, TaskSummary summary, RunnerLiveness runner,
      String resume, Map<String, Double> restarting) {
    render(taskId, owner, summary, runner, resume, restarting, TaskSideFiles.NONE);
  }

  /** As above, with the health and stop reasons of the task's side files (at -vv and -vvv). */
  void render(String taskId, String owner, TaskSummary summary, RunnerLiveness runner,
      String resume, Map<String, Double> restarting, TaskSideFiles side) {
    out.printf(Locale.ROOT, idFormat, taskId, owner);
    if (verbosity == 0) {
      out.println();
      return;
    }
    if (summary.error().isPresent()) {
      out.println(" - checkpoint stream CORRUPT: " + summary.error().get());
      return;
    }
    RunnerHeader header = summary.header().orElse(null);
    out.printf(Locale.ROOT, stateFormat, summary.taskState());
    out.printf(Locale.ROOT, " start: %25s", header != null && header.isSetLaunchTimeMs()
        ? asctime.millis(header.getLaunchTimeMs()) : "None");
    String held = side.held() && runner != null ? ", held" : "";
    if (runner == null) {
      out.println();
    } else if (runner.alive()) {
      out.println(" runner: alive (pid " + runner.pid().getAsInt() + ")" + held);
    } else {
      out.println(" runner: dead" + held);
      out.println("    resume: " + resume);
    }
    if (verbosity > 1) {
      renderHeader(header);
    }
    if (verbosity == 2) {
      renderRunCounts(summary.state().getProcesses(), restarting, side);
      if (header != null && header.isSetSandbox()) {
        IdleTally.of(java.nio.file.Path.of(header.getSandbox()), summary.state().getProcesses())
            .forEach((p, n) -> out.printf(Locale.ROOT, "      - %s: idle %d busy %d%n", p, n[0],
                n[1]));
      }
    }
    if (verbosity > 2) {
      renderProcesses(summary.state().getProcesses(), side);
    }
  }

  private void renderHeader(RunnerHeader header) {
    out.print("    user: " + (header != null && header.isSetUser() ? header.getUser() : "None"));
    if (header != null && header.isSetPorts() && !header.getPorts().isEmpty()) {
      out.println(" ports: " + new TreeMap<>(header.getPorts()).entrySet().stream()
          .map(p -> p.getKey() + " -> " + p.getValue()).collect(Collectors.joining(" ")));
    } else {
      out.println(" ports: None");
    }
    out.println("    sandbox: "
        + (header != null && header.isSetSandbox() ? header.getSandbox() : "None"));
  }

  /** At {@code -vv}: each process's run count, and how long its current run has been up. */
  private void renderRunCounts(Map<String, List<ProcessStatus>> processes,
      Map<String, Double> restarting, TaskSideFiles side) {
    double now = clock.millis() / 1000.0;
    for (Map.Entry<String, List<ProcessStatus>> e : processes.entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      ProcessStatus last = runs.get(runs.size() - 1);
      String up = last.getState() == dev.thermos.gen.ProcessState.RUNNING && last.isSetStartTime()
          ? ", up " + uptime(now - last.getStartTime()) : "";
      Double wait = restarting.get(e.getKey());
      if (wait != null) {
        up = ", restarting in " + uptime(Math.ceil(wait));
      }
      out.printf(Locale.ROOT, "      - %s runs: %d, %s%s%s%s%n", e.getKey(), runs.size(),
          last.getState(), why(side, e.getKey(), runs.size() - 1, last), up,
          health(side, e.getKey(), runs));
    }
  }

  /** {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 5d03h}: the two largest units. */
  static String uptime(double seconds) {
    long s = Math.max(0, (long) seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
  }

  /**
   * " (timed out)", " (unhealthy)" or " (restarted)" for a run stopped for that; "" otherwise, and
   * for a run that ended on its own (SUCCESS) just as its stop began.
   */
  static String why(TaskSideFiles side, String process, int run, ProcessStatus status) {
    String reason = side.stopReason(process, run);
    boolean stopped = status.getState() == dev.thermos.gen.ProcessState.FAILED
        || status.getState() == dev.thermos.gen.ProcessState.KILLED;
    return reason == null || !stopped ? "" : switch (reason) {
      case "timeout" -> " (timed out)";
      case "unhealthy" -> " (unhealthy)";
      case "restart" -> " (restarted)";
      default -> "";
    };
  }

  /** ", healthy" (or starting, unhealthy) for a health-checked process's running latest run. */
  static String health(TaskSideFiles side, String process, List<ProcessStatus> runs) {
    TaskSideFiles.Health h = side.currentHealth(process, runs);
    return h == null ? "" : ", " + h.health();
  }

  private void renderProcesses(Map<String, List<ProcessStatus>> processes, TaskSideFiles side) {
    out.println("    process table:");
    for (Map.Entry<String, List<ProcessStatus>> e : processes.entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      ProcessStatus last = runs.get(runs.size() - 1);
      out.printf(Locale.ROOT, "      - %s runs: %d last: pid=%s, rc=%s, finish:%s, state:%s%s%s%n",
          e.getKey(), runs.size(),
          last.isSetPid() && last.getPid() != 0 ? Integer.toString(last.getPid()) : "None",
          last.isSetReturnCode() ? Integer.toString(last.getReturnCode()) : "",
          last.isSetStopTime() ? asctime.seconds(last.getStopTime()) : "None",
          last.getState(), why(side, e.getKey(), runs.size() - 1, last),
          health(side, e.getKey(), runs));
    }
    out.println();
  }
}
