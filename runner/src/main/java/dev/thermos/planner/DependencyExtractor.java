package dev.thermos.planner;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a task's order constraints into the dependency map of one plan (Aurora's
 * {@code TaskPlanner.extract_dependencies}), rejecting invalid ones with Aurora's messages.
 *
 * <p>For each order list, in order:
 *
 * <ul>
 *   <li>names partly inside and partly outside the plan (a regular process mixed with a final
 *       one, a known name mixed with an unknown one), and also an <em>empty</em> list (Aurora's
 *       {@code issubset == isdisjoint} test accepts neither): {@value
 *       InvalidScheduleException#INVALID_DEPENDENCIES};
 *   <li>no name inside the plan: ignored for this plan;
 *   <li>otherwise each consecutive pair (prev, next): prev must not be a daemon, and a
 *       non-ephemeral next must not follow an ephemeral prev; next then depends on prev. A daemon
 *       may depend on a regular process.
 * </ul>
 */
public final class DependencyExtractor {
  private DependencyExtractor() {}

  /**
   * Extracts the dependencies among {@code members}.
   *
   * @param members the plan's processes, keyed by name
   * @param orders the task's order lists
   * @return process name to the names it depends upon (only processes with dependencies)
   * @throws InvalidScheduleException with the first problem found
   */
  public static Map<String, Set<String>> extract(
      Map<String, ProcessAttributes> members, List<List<String>> orders)
      throws InvalidScheduleException {
    Map<String, Set<String>> dependencies = new HashMap<>();
    for (ProcessAttributes next : members.values()) {
      for (String on : waitsFor(members, next, DependsOn.SUCCEEDED)) {
        checkPair(members.get(on), next);
        dependencies.computeIfAbsent(next.name(), n -> new LinkedHashSet<>()).add(on);
      }
    }
    for (List<String> order : orders) {
      if (isIgnored(members, order)) {
        continue;
      }
      for (int k = 1; k < order.size(); k++) {
        ProcessAttributes prev = members.get(order.get(k - 1));
        ProcessAttributes next = members.get(order.get(k));
        checkPair(prev, next);
        dependencies.computeIfAbsent(next.name(), n -> new LinkedHashSet<>()).add(prev.name());
      }
    }
    return dependencies;
  }

  /**
   * The {@code started} or {@code healthy} dependencies among {@code members} ({@code depends_on}):
   * process name to the names that must have been RUNNING (or passed a health check) before it
   * may run. A daemon or an ephemeral process may be waited for this way.
   */
  public static Map<String, Set<String>> extractConditional(
      Map<String, ProcessAttributes> members, DependsOn condition)
      throws InvalidScheduleException {
    Map<String, Set<String>> started = new HashMap<>();
    for (ProcessAttributes next : members.values()) {
      for (String on : waitsFor(members, next, condition)) {
        started.computeIfAbsent(next.name(), n -> new LinkedHashSet<>()).add(on);
      }
    }
    return started;
  }

  /** The names {@code next} depends on with {@code condition}; each must be in its plan. */
  private static List<String> waitsFor(Map<String, ProcessAttributes> members,
      ProcessAttributes next, DependsOn condition) throws InvalidScheduleException {
    List<String> names = new java.util.ArrayList<>();
    for (Map.Entry<String, DependsOn> e : next.dependsOn().entrySet()) {
      if (e.getValue() != condition) {
        continue;
      }
      if (!members.containsKey(e.getKey())) {
        throw InvalidScheduleException.invalidDependencies("depends_on of '" + next.name()
            + "' names '" + e.getKey() + "', which is not a " + (next.isFinal() ? "final" : "regular")
            + " process as it is: a regular and a final process cannot depend on each other");
      }
      names.add(e.getKey());
    }
    return names;
  }

  /** @return true if no name of the order is a member; throws if only some are */
  private static boolean isIgnored(Map<String, ProcessAttributes> members, List<String> order)
      throws InvalidScheduleException {
    if (order.isEmpty()) {
      throw InvalidScheduleException.invalidDependencies("an empty order");
    }
    List<String> outside = order.stream().filter(name -> !members.containsKey(name)).toList();
    if (!outside.isEmpty() && outside.size() < order.size()) {
      throw InvalidScheduleException.invalidDependencies("order " + order + " mixes processes of "
          + "this plan with " + outside + ": an order may not mix regular and final processes");
    }
    return !outside.isEmpty();
  }

  private static void checkPair(ProcessAttributes prev, ProcessAttributes next)
      throws InvalidScheduleException {
    if (prev.daemon()) {
      throw InvalidScheduleException.dependsOnDaemon(next.name(), prev.name());
    }
    if (!next.ephemeral() && prev.ephemeral()) {
      throw InvalidScheduleException.dependsOnEphemeral(next.name(), prev.name());
    }
  }
}
