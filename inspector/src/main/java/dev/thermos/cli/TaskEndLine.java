package dev.thermos.cli;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.gen.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last line of {@code thermos run}: the task's end, and why it failed.
 *
 * <pre>
 * task x FAILED: bad failed 3 of 3 times, last rc 7
 * task x SUCCESS (flaky failed 1 time)
 * task x FAILED: bad failed 1 of 1 time, last rc 2 (flaky failed 1 time)
 * </pre>
 *
 * A process that reached its {@code max_failures} (not 0, which is unlimited) is a reason of a
 * FAILED task; any other process with failed runs is mentioned in parentheses, whatever the end.
 * The copies of a process with {@code instances} ({@code NAME.0} to {@code NAME.<N-1>}) that all
 * failed before any of their runs lived {@code min_duration} are a boot failure (Divvy's
 * BootFailure), said first: {@code boot failure of web: all 3 instances failed before any ran 5 s}.
 */
final class TaskEndLine {
  private TaskEndLine() {}

  static String of(String taskId, TaskState end, List<ProcessRow> rows, TaskConfig task) {
    Map<String, Integer> maxFailures = new HashMap<>();
    for (ProcessConfig p : task.processes()) {
      maxFailures.put(p.name(), p.maxFailures());
    }
    List<String> reasons = new ArrayList<>(BootFailures.of(rows, task));
    List<String> others = new ArrayList<>();
    for (ProcessRow row : rows) {
      if (row.failures() == 0) {
        continue;
      }
      int max = maxFailures.getOrDefault(row.name(), 0);
      if (end == TaskState.FAILED && max > 0 && row.failures() >= max) {
        reasons.add(row.name() + " failed " + row.failures() + " of " + times(max)
            + (row.lastFailedRc() == null ? "" : ", last rc " + row.lastFailedRc()));
      } else {
        others.add(row.name() + " failed " + times(row.failures()));
      }
    }
    StringBuilder b = new StringBuilder("task ").append(taskId).append(' ').append(end);
    if (!reasons.isEmpty()) {
      b.append(": ").append(String.join("; ", reasons));
    }
    if (!others.isEmpty()) {
      b.append(" (").append(String.join(", ", others)).append(')');
    }
    return b.toString();
  }

  private static String times(int n) {
    return n + (n == 1 ? " time" : " times");
  }
}
