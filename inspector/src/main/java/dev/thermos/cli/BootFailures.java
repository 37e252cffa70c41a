package dev.thermos.cli;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Divvy's BootFailure for processes with {@code instances}: every copy ({@code NAME.0} to
 * {@code NAME.<N-1>}, all present) has failed, and no run of any copy lived its
 * {@code min_duration}. The copies are told by their names, as the task file keeps them.
 */
final class BootFailures {
  private static final Pattern COPY = Pattern.compile("(.+)\\.(0|[1-9][0-9]{0,3})");

  private BootFailures() {}

  /** One reason per group that failed to boot, in the task's order. */
  static List<String> of(List<ProcessRow> rows, TaskConfig task) {
    Map<String, ProcessRow> byName = new HashMap<>();
    rows.forEach(r -> byName.put(r.name(), r));
    Map<String, List<ProcessConfig>> groups = new LinkedHashMap<>();
    for (ProcessConfig p : task.processes()) {
      Matcher m = COPY.matcher(p.name());
      if (m.matches()) {
        groups.computeIfAbsent(m.group(1), g -> new ArrayList<>()).add(p);
      }
    }
    List<String> reasons = new ArrayList<>();
    groups.forEach((base, copies) -> {
      if (isComplete(base, copies) && failedToBoot(copies, byName)) {
        int min = copies.get(0).minDurationSecs();
        reasons.add("boot failure of " + base + ": all " + copies.size() + " instance"
            + (copies.size() == 1 ? "" : "s") + " failed before any ran " + min + " s");
      }
    });
    return reasons;
  }

  /** The copies are exactly {@code base.0} to {@code base.<n-1>}. */
  private static boolean isComplete(String base, List<ProcessConfig> copies) {
    for (int i = 0; i < copies.size(); i++) {
      final String name = base + "." + i;
      if (copies.stream().noneMatch(p -> p.name().equals(name))) {
        return false;
      }
    }
    return true;
  }

  private static boolean failedToBoot(List<ProcessConfig> copies, Map<String, ProcessRow> rows) {
    for (ProcessConfig p : copies) {
      ProcessRow row = rows.get(p.name());
      if (row == null || row.failures() == 0 || row.longestSecs() >= p.minDurationSecs()) {
        return false;
      }
    }
    return true;
  }
}
