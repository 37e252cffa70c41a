package dev.thermos.planner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Finds a cycle among a plan's dependencies, of every kind ({@link Planner}). */
final class DependencyCycles {
  private DependencyCycles() {}

  /**
   * One cycle, in the order the processes would have to run ({@code [a, b, a]}), or an empty list
   * when there is none.
   */
  static List<String> find(List<String> processes,
      Function<String, Set<String>> allDependencies) {
    Set<String> unpeeled = unpeeled(processes, allDependencies);
    return unpeeled.isEmpty() ? List.of() : cycle(unpeeled, allDependencies);
  }

  /**
   * Kahn's algorithm: repeatedly peel off processes whose dependencies are all peeled; what is
   * left is on a cycle or depends on one.
   */
  private static Set<String> unpeeled(List<String> processes,
      Function<String, Set<String>> allDependencies) {
    Map<String, Integer> unmet = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    Deque<String> free = new ArrayDeque<>();
    for (String process : processes) {
      Set<String> prerequisites = allDependencies.apply(process);
      unmet.put(process, prerequisites.size());
      prerequisites.forEach(
          p -> dependents.computeIfAbsent(p, k -> new ArrayList<>()).add(process));
      if (prerequisites.isEmpty()) {
        free.add(process);
      }
    }
    Set<String> left = new LinkedHashSet<>(processes);
    while (!free.isEmpty()) {
      String process = free.poll();
      left.remove(process);
      for (String dependent : dependents.getOrDefault(process, List.of())) {
        if (unmet.merge(dependent, -1, Integer::sum) == 0) {
          free.add(dependent);
        }
      }
    }
    return left;
  }

  /**
   * One cycle among {@code unpeeled} (every one of them has a prerequisite among them), in the
   * order the processes must run: {@code [a, b, a]} for a before b before a.
   */
  private static List<String> cycle(Set<String> unpeeled,
      Function<String, Set<String>> allDependencies) {
    List<String> path = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String at = unpeeled.iterator().next();
    while (!seen.containsKey(at)) {
      seen.put(at, path.size());
      path.add(at);
      at = allDependencies.apply(at).stream().filter(unpeeled::contains).sorted().findFirst()
          .orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(seen.get(at), path.size()));
    cycle.add(at);
    Collections.reverse(cycle);
    return cycle;
  }

}
