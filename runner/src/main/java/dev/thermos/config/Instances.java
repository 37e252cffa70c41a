package dev.thermos.config;

import dev.thermos.planner.DependsOn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code instances} (Divvy's worker_count, supervisord's numprocs): a process with
 * {@code "instances": N} stands for N copies named {@code NAME.0} to {@code NAME.<N-1>}, each with
 * its own runs, logs and retries. In the copies' string fields {@code {{thermos.instance}}} is the
 * copy's number and {@code {{thermos.instances}}} is N. An ordering constraint naming NAME names
 * every copy: each pair of neighbours in an order list becomes one list per pair of copies; so does
 * a {@code depends_on} naming NAME. A task
 * without {@code instances} is returned as it is.
 */
public final class Instances {
  /** The most copies one process may have. */
  public static final int MAX = 1000;

  private static final Pattern INSTANCE_REF =
      Pattern.compile("\\{\\{(&?)\\s*thermos\\.(instances?)\\s*\\1\\}\\}");

  private static final Pattern STATUS_FILE_REF =
      Pattern.compile("\\{\\{(&?)\\s*thermos\\.status_file\\s*\\1\\}\\}");

  /** Where the copies' status files are when the sandbox is not known yet (checks only). */
  public static final Path NO_STATUS_DIR = Path.of(".thermos_status");

  /** The most two-process orders the copies of one task may make. */
  public static final int MAX_ORDERS = 100_000;

  private Instances() {}

  /**
   * Refuses a task whose orders between instanced processes would expand into more than
   * {@link #MAX_ORDERS} pairs (two processes of 1,000 copies in one order make a million).
   */
  public static void checkSize(TaskConfig task) throws InvalidTaskException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    task.processes().forEach(p -> counts.put(p.name(), Math.max(1, p.options().instances())));
    long pairs = 0;
    for (List<String> order : task.orderConstraints()) {
      for (int k = 0; k + 1 < order.size(); k++) {
        pairs += (long) counts.getOrDefault(order.get(k), 1)
            * counts.getOrDefault(order.get(k + 1), 1);
      }
    }
    if (pairs > MAX_ORDERS) {
      throw new InvalidTaskException("Task has invalid constraints: its orders between instances"
          + " make " + pairs + " pairs of copies, more than " + MAX_ORDERS);
    }
  }

  /** The task with every instanced process replaced by its copies (checks: no sandbox yet). */
  public static TaskConfig expand(TaskConfig task) {
    return expand(task, NO_STATUS_DIR);
  }

  /**
   * The task with every instanced process replaced by its copies, {@code {{thermos.status_file}}}
   * of copy {@code NAME.i} being {@code statusDir/NAME.i}.
   */
  public static TaskConfig expand(TaskConfig task, Path statusDir) {
    Map<String, List<String>> copies = new LinkedHashMap<>();
    List<ProcessConfig> processes = new ArrayList<>();
    for (ProcessConfig p : task.processes()) {
      int n = p.options().instances();
      if (n == 0) {
        processes.add(p);
        continue;
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ProcessConfig copy = copy(p, i, n, statusDir);
        processes.add(copy);
        names.add(copy.name());
      }
      copies.put(p.name(), names);
    }
    if (copies.isEmpty()) {
      return task;
    }
    List<ProcessConfig> rewired = new ArrayList<>();
    for (ProcessConfig p : processes) {
      rewired.add(p.withOptions(p.options().withDependsOn(dependsOn(p.options(), copies))));
    }
    return task.withProcesses(rewired).withOrderConstraints(orders(task, copies));
  }

  /** {@code depends_on} naming an instanced process names every copy, with the same condition. */
  private static Map<String, DependsOn> dependsOn(ProcessOptions o,
      Map<String, List<String>> copies) {
    Map<String, DependsOn> out = new LinkedHashMap<>();
    o.dependsOn().forEach((name, condition) -> copies.getOrDefault(name, List.of(name))
        .forEach(copy -> out.put(copy, condition)));
    return out;
  }

  /** The copy number {@code i} of {@code n} of {@code p}. */
  static ProcessConfig copy(ProcessConfig p, int i, int n, Path statusDir) {
    ProcessOptions o = p.options();
    String name = substitute(p.name(), i, n, "") + "." + i;
    String status = statusDir.resolve(name).toString();
    Map<String, String> env = new LinkedHashMap<>();
    o.env().forEach((k, v) -> env.put(k, substitute(v, i, n, status)));
    String workingDir = o.workingDir() == null ? null : substitute(o.workingDir(), i, n, status);
    HealthCheck check = o.lifecycle().healthCheck();
    Lifecycle lifecycle = check == null ? o.lifecycle() : o.lifecycle().withHealthCheck(
        check.withTarget(substitute(check.target(), i, n, status)));
    return p.withName(name)
        .withCmdline(substitute(p.cmdline(), i, n, status))
        .withOptions(o.withStrings(env, workingDir).withLifecycle(lifecycle).withoutInstances());
  }

  private static String substitute(String text, int i, int n, String statusFile) {
    String s = STATUS_FILE_REF.matcher(text).replaceAll(Matcher.quoteReplacement(statusFile));
    Matcher m = INSTANCE_REF.matcher(s);
    return m.replaceAll(r -> r.group(2).equals("instance") ? Integer.toString(i)
        : Integer.toString(n));
  }

  private static List<List<String>> orders(TaskConfig task, Map<String, List<String>> copies) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> order : task.orderConstraints()) {
      if (order.stream().noneMatch(copies::containsKey)) {
        out.add(order);
        continue;
      }
      for (int k = 0; k + 1 < order.size(); k++) {
        for (String before : copies.getOrDefault(order.get(k), List.of(order.get(k)))) {
          for (String after : copies.getOrDefault(order.get(k + 1), List.of(order.get(k + 1)))) {
            out.add(List.of(before, after));
          }
        }
      }
    }
    return out;
  }
}
