package dev.thermos.cli;

import dev.thermos.format.Replayer;
import dev.thermos.format.ZeroPadding;
import dev.thermos.gen.ProcessState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the live display of a run (pure: the time and the screen size are given).
 *
 * <pre>
 * task hello ACTIVE 12.3s
 *   build    SUCCESS  run 0 pid 4711 rc 0 2.1s
 *   serve    RUNNING  run 1 pid 4750 7.4s
 *   … and 37 more: 30 SUCCESS, 5 RUNNING, 2 WAITING
 * </pre>
 *
 * <p>At most {@code maxLines} lines of at most {@code columns} columns: when the processes do not
 * fit, the running, then the failed, then the waiting ones are shown (in their order) and the rest
 * summed up in one line. Names too long for the width are cut with {@code …}; no line wraps.
 */
final class ProgressTable {
  private static final int PLAIN_NAME_WIDTH = 20;
  private static final int STATE_WIDTH = 8;
  /** Room kept right of the name for state, run, pid, rc and elapsed time. */
  private static final int DETAILS_WIDTH = 40;
  private static final int MIN_NAME_WIDTH = 8;
  private static final String ELLIPSIS = "…";

  private ProgressTable() {}

  /** One process off a terminal: {@code name state run N [pid P] [rc R] [elapsed]}. */
  static String plainLine(ProcessRow row, double nowSecs) {
    return padded(row.name(), PLAIN_NAME_WIDTH) + " " + padded(String.valueOf(row.state()),
        STATE_WIDTH) + details(row, nowSecs);
  }

  /** The display: a header, the processes that fit, and a summary of the others. */
  static List<String> lines(RunView.Snapshot view, double nowSecs, int maxLines, int columns,
      StateColour colour) {
    List<String> lines = new ArrayList<>();
    String elapsed = Double.isNaN(view.launchSecs()) ? ""
        : " " + duration(Math.max(0, nowSecs - view.launchSecs()));
    lines.add(fit("task " + view.taskId() + " ", view.taskState(), view.taskState(), elapsed,
        columns, colour));
    List<ProcessRow> rows = view.rows();
    int room = Math.max(0, maxLines - 1);
    List<ProcessRow> shown = rows.size() <= room ? rows : mostInteresting(rows, room - 1);
    int nameWidth = Math.min(rows.stream().mapToInt(r -> r.name().length()).max().orElse(0),
        Math.max(MIN_NAME_WIDTH, columns - 2 - 1 - DETAILS_WIDTH));
    for (ProcessRow row : shown) {
      String state = row.state().name();
      lines.add(fit("  " + pad(cut(row.name(), nameWidth), nameWidth) + " ", state,
          pad(state, STATE_WIDTH), details(row, nowSecs), columns, colour));
    }
    if (shown.size() < rows.size()) {
      lines.add(cut("  " + ELLIPSIS + " and " + (rows.size() - shown.size()) + " more: "
          + summary(rows, shown), columns));
    }
    return lines;
  }

  /** {@code room} rows (at least 0) chosen by state, kept in their order. */
  private static List<ProcessRow> mostInteresting(List<ProcessRow> rows, int room) {
    List<ProcessRow> byInterest = new ArrayList<>(rows);
    byInterest.sort(Comparator.comparingInt(r -> interest(r.state())));
    List<ProcessRow> chosen = byInterest.subList(0, Math.max(0, room));
    return rows.stream().filter(chosen::contains).toList();
  }

  private static int interest(ProcessState state) {
    switch (state) {
      case RUNNING: case FORKED: return 0;
      case FAILED: case LOST: return 1;
      case WAITING: return 2;
      default: return 3;
    }
  }

  /** {@code 30 SUCCESS, 5 RUNNING, 2 WAITING}: the rows not shown, most frequent state first. */
  private static String summary(List<ProcessRow> rows, List<ProcessRow> shown) {
    Map<ProcessState, Long> counts = new EnumMap<>(ProcessState.class);
    rows.stream().filter(r -> !shown.contains(r)).forEach(r -> counts.merge(r.state(), 1L,
        Long::sum));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<ProcessState, Long>comparingByValue().reversed())
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String details(ProcessRow row, double nowSecs) {
    ProcessState state = row.state();
    StringBuilder b = new StringBuilder(" run ").append(row.run());
    if (row.pid() != 0 && state != ProcessState.WAITING && state != ProcessState.FORKED) {
      b.append(" pid ").append(row.pid());
    }
    if (row.returnCode() != null && Replayer.isTerminal(state)) {
      b.append(" rc ").append(row.returnCode());
    }
    if (!Double.isNaN(row.startSecs()) && state != ProcessState.FORKED
        && state != ProcessState.WAITING) {
      double end = Double.isNaN(row.stopSecs()) ? nowSecs : row.stopSecs();
      b.append(' ').append(duration(Math.max(0, end - row.startSecs())));
    }
    return b.toString();
  }

  /**
   * {@code 4.2s}, {@code 3m07s}, {@code 2h05m}. Without String.format, whose first use loads the
   * JDK's locale data (milliseconds of a task's start-up); {@code %.1f} rounds as this does.
   */
  static String duration(double secs) {
    if (secs < 60) {
      return tenths(secs) + "s";
    }
    long s = (long) secs;
    StringBuilder b = new StringBuilder();
    if (s < 3600) {
      return ZeroPadding.append(b.append(s / 60).append('m'), s % 60, 2).append('s').toString();
    }
    return ZeroPadding.append(b.append(s / 3600).append('h'), s % 3600 / 60, 2).append('m')
        .toString();
  }

  /**
   * {@code secs} (below 60) to one decimal, half up, as {@code %.1f}: ten times it rounded, unless
   * that lies within a millionth of a tie, where only the decimal digits can tell, or is negative
   * (BigDecimal, as the JDK's formatter). A progress line has two durations: this keeps
   * BigDecimal, and the double's decimal digits, off a chain step's work.
   */
  private static String tenths(double secs) {
    double scaled = secs * 10;
    if (secs < 0 || Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
      return BigDecimal.valueOf(secs).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
    long t = Math.round(scaled);
    return new StringBuilder().append(t / 10).append('.').append(t % 10).toString();
  }

  /** {@code text} with spaces after it up to {@code width} characters ({@code %-<width>s}). */
  private static String padded(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** {@code prefix + stateText + suffix} cut to {@code columns}, the state painted if whole. */
  private static String fit(String prefix, String state, String stateText, String suffix,
      int columns, StateColour colour) {
    String plain = prefix + stateText + suffix;
    if (plain.length() > columns) {
      return cut(plain, columns);
    }
    return prefix + colour.paint(state, stateText) + suffix;
  }

  private static String cut(String text, int columns) {
    if (text.length() <= columns) {
      return text;
    }
    return columns <= 0 ? "" : text.substring(0, columns - 1) + ELLIPSIS;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
