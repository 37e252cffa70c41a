package dev.thermos.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random valid plan: processes with random attributes and a random acyclic set of order
 * constraints that respects the daemon and ephemeral rules.
 */
record RandomPlan(
    List<ProcessAttributes> processes,
    List<List<String>> orders,
    Map<String, Set<String>> dependencies,
    int runLimit) {

  static RandomPlan generate(Random random) {
    int size = 1 + random.nextInt(8);
    List<ProcessAttributes> processes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      processes.add(
          new ProcessAttributes(
              "p" + i,
              random.nextInt(9) / 2.0,
              random.nextInt(5) == 0,
              random.nextInt(5) == 0,
              random.nextInt(4),
              false));
    }
    List<ProcessAttributes> topological = new ArrayList<>(processes);
    Collections.shuffle(topological, random);
    List<List<String>> orders = new ArrayList<>();
    Map<String, Set<String>> dependencies = new HashMap<>();
    for (int i = 0; i < size; i++) {
      for (int j = i + 1; j < size; j++) {
        ProcessAttributes prev = topological.get(i);
        ProcessAttributes next = topological.get(j);
        if (random.nextInt(10) < 3 && mayPrecede(prev, next)) {
          orders.add(List.of(prev.name(), next.name()));
          dependencies.computeIfAbsent(next.name(), n -> new HashSet<>()).add(prev.name());
        }
      }
    }
    if (random.nextBoolean()) {
      orders.add(List.of("ghost1", "ghost2"));
    }
    return new RandomPlan(processes, orders, dependencies, 1 + random.nextInt(8));
  }

  private static boolean mayPrecede(ProcessAttributes prev, ProcessAttributes next) {
    return !prev.daemon() && !(prev.ephemeral() && !next.ephemeral());
  }

  Set<String> dependenciesOf(String process) {
    return dependencies.getOrDefault(process, Set.of());
  }

  TaskPlanner planner() throws InvalidScheduleException {
    return TaskPlanner.of(processes, orders, false).withRunLimit(runLimit);
  }
}
