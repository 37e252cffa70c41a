package dev.thermos.planner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure dependency bookkeeping for one plan (Aurora's {@code Planner}): a set of processes, what
 * each must wait for, and where each one stands. It knows nothing of time, retries or outcomes;
 * {@link TaskPlanner} decides which transition an outcome causes.
 *
 * <p>The state machine of a process in its plan, enforced here:
 *
 * <pre>
 *                  setRunning [every dependency FINISHED]
 *     .---------. ---------------------------------------&gt; .---------. --.
 *     | PENDING |                                          | RUNNING |   | setRunning
 *     `---------' &lt;--------------------------------------- `---------' &lt;-' (no-op)
 *                               reset                        |     |
 *                                               setFinished  |     |  setFailed
 *                                                            v     v
 *                                                 .----------.   .--------.
 *                                                 | FINISHED |   | FAILED |
 *                                                 `----------'   `--------'
 * </pre>
 *
 * <p>PENDING with every dependency FINISHED is <em>runnable</em>; otherwise it is blocked. A
 * FAILED dependency never satisfies its dependents: they stay blocked forever. FINISHED and
 * FAILED are absorbing. Any other call throws {@link IllegalStateException} naming the process
 * and its state (Aurora uses {@code assert}); an unknown name throws
 * {@link IllegalArgumentException}.
 *
 * <p>All collections returned are in declaration order.
 */
public final class Planner {
  private final List<String> processes;
  private final Map<String, Set<String>> dependencies;
  private final Map<String, Set<String>> startDependencies;
  private final Map<String, Set<String>> healthDependencies;
  private final Set<String> started = new HashSet<>();
  private final Set<String> healthy = new HashSet<>();
  private final Map<String, PlanState> states = new LinkedHashMap<>();

  /**
   * Builds a plan and checks that its dependencies are acyclic.
   *
   * @param processes the process names, in declaration order, without duplicates
   * @param dependencies process name to the names that must finish before it may run; every name
   *     must be one of {@code processes}
   * @throws InvalidScheduleException {@value InvalidScheduleException#CYCLES} if the
   *     dependencies contain a cycle
   * @throws IllegalArgumentException on duplicate or unknown names
   */
  public Planner(List<String> processes, Map<String, Set<String>> dependencies)
      throws InvalidScheduleException {
    this(processes, dependencies, Map.of());
  }

  /**
   * As above, with {@code startDependencies}: process name to the names that must have been
   * RUNNING (started at least once) before it may run. Cycles are looked for across both.
   */
  public Planner(List<String> processes, Map<String, Set<String>> dependencies,
      Map<String, Set<String>> startDependencies) throws InvalidScheduleException {
    this(processes, dependencies, startDependencies, Map.of());
  }

  /**
   * As above, with {@code healthDependencies}: process name to the names a run of which must have
   * passed a health check before it may run ({@code depends_on} "healthy").
   */
  public Planner(List<String> processes, Map<String, Set<String>> dependencies,
      Map<String, Set<String>> startDependencies, Map<String, Set<String>> healthDependencies)
      throws InvalidScheduleException {
    this.processes = List.copyOf(processes);
    for (String process : this.processes) {
      if (states.put(process, PlanState.PENDING) != null) {
        throw new IllegalArgumentException("duplicate process " + process);
      }
    }
    this.startDependencies = copyDependencies(startDependencies);
    this.healthDependencies = copyDependencies(healthDependencies);
    this.dependencies = copyDependencies(dependencies);
    List<String> cycle = DependencyCycles.find(this.processes, this::allDependencies);
    if (!cycle.isEmpty()) {
      throw InvalidScheduleException.cycles(cycle);
    }
  }

  private Map<String, Set<String>> copyDependencies(Map<String, Set<String>> given) {
    Map<String, Set<String>> copy = new HashMap<>();
    for (String process : processes) {
      copy.put(process, Set.of());
    }
    given.forEach(
        (process, prerequisites) -> {
          requireKnown(process);
          prerequisites.forEach(this::requireKnown);
          copy.put(process, Set.copyOf(prerequisites));
        });
    return copy;
  }

  private Set<String> allDependencies(String process) {
    Set<String> all = new HashSet<>(dependencies.get(process));
    all.addAll(startDependencies.get(process));
    all.addAll(healthDependencies.get(process));
    return all;
  }

  /** @return every process of the plan, in declaration order */
  public List<String> processes() {
    return processes;
  }

  /**
   * @param process a process of the plan
   * @return the names that must finish before it may run
   */
  public Set<String> dependenciesOf(String process) {
    requireKnown(process);
    return dependencies.get(process);
  }

  /**
   * @param process a process of the plan
   * @return its state
   */
  public PlanState stateOf(String process) {
    requireKnown(process);
    return states.get(process);
  }

  /** @return PENDING processes whose dependencies have all finished, in declaration order */
  public List<String> runnable() {
    // Loops, not streams, in what the run loop asks after every event (interpreted at first).
    List<String> out = new ArrayList<>();
    for (String p : processes) {
      if (isRunnable(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * @return PENDING processes, not runnable yet, whose unfinished dependencies are all RUNNING:
   *     what the end of a run may make runnable next, in declaration order
   */
  public List<String> nextInLine() {
    List<String> out = new ArrayList<>();
    for (String p : processes) {
      if (states.get(p) == PlanState.PENDING && !isRunnable(p) && waitsOnlyForRunning(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private boolean waitsOnlyForRunning(String process) {
    for (String d : dependencies.get(process)) {
      PlanState s = states.get(d);
      if (s != PlanState.FINISHED && s != PlanState.RUNNING) {
        return false;
      }
    }
    return true;
  }

  /** @return the running processes */
  public Set<String> running() {
    return inState(PlanState.RUNNING);
  }

  /** @return the finished processes */
  public Set<String> finished() {
    return inState(PlanState.FINISHED);
  }

  /** @return the failed processes */
  public Set<String> failed() {
    return inState(PlanState.FAILED);
  }

  /** @return whether every process is finished or failed */
  public boolean isComplete() {
    for (PlanState s : states.values()) {
      if (!s.isTerminal()) {
        return false;
      }
    }
    return true;
  }

  /**
   * PENDING (runnable) → RUNNING; a no-op when already RUNNING.
   *
   * @param process a process of the plan
   * @throws IllegalStateException if it is terminal, or PENDING with an unfinished dependency
   */
  public void setRunning(String process) {
    PlanState state = stateOf(process);
    if (state != PlanState.RUNNING && !isRunnable(process) && !onlyWaitsToStart(process)) {
      throw misuse("setRunning", process);
    }
    states.put(process, PlanState.RUNNING);
  }

  /**
   * Notes that a run of {@code process} reached RUNNING (its {@code started} dependents may run
   * from now on; the plan's state does not change).
   *
   * @param process a process of the plan
   */
  public void markStarted(String process) {
    requireKnown(process);
    started.add(process);
  }

  /**
   * Notes that a run of {@code process} passed its health check (its {@code healthy} dependents
   * may run from now on; the plan's state does not change). A process that finished for good
   * counts as healthy too: no later run could pass a check (its runs may all have ended while no
   * runner was there to check them).
   *
   * @param process a process of the plan
   */
  public void markHealthy(String process) {
    requireKnown(process);
    healthy.add(process);
  }

  /**
   * RUNNING → FINISHED.
   *
   * @param process a running process of the plan
   * @throws IllegalStateException if it is not running
   */
  public void setFinished(String process) {
    leaveRunning("setFinished", process, PlanState.FINISHED);
  }

  /**
   * RUNNING → FAILED.
   *
   * @param process a running process of the plan
   * @throws IllegalStateException if it is not running
   */
  public void setFailed(String process) {
    leaveRunning("setFailed", process, PlanState.FAILED);
  }

  /**
   * RUNNING → PENDING: the process may run again (its dependencies are still finished).
   *
   * @param process a running process of the plan
   * @throws IllegalStateException if it is not running
   */
  public void reset(String process) {
    leaveRunning("reset", process, PlanState.PENDING);
  }

  /**
   * Throws unless the process is running.
   *
   * @param operation the caller's operation, for the message
   * @param process a process of the plan
   * @throws IllegalStateException if it is not running
   */
  void requireRunning(String operation, String process) {
    if (stateOf(process) != PlanState.RUNNING) {
      throw misuse(operation, process);
    }
  }

  private void leaveRunning(String operation, String process, PlanState target) {
    requireRunning(operation, process);
    states.put(process, target);
  }

  private boolean isRunnable(String process) {
    if (!onlyWaitsToStart(process) || !started.containsAll(startDependencies.get(process))) {
      return false;
    }
    for (String d : healthDependencies.get(process)) {
      if (!healthy.contains(d) && states.get(d) != PlanState.FINISHED) {
        return false;
      }
    }
    return true;
  }

  /**
   * PENDING with every {@code succeeded} dependency finished. {@link #setRunning} asks no more: a
   * checkpoint replayed process by process may bring a run before the start of one it waited for.
   */
  private boolean onlyWaitsToStart(String process) {
    if (states.get(process) != PlanState.PENDING) {
      return false;
    }
    for (String d : dependencies.get(process)) {
      if (states.get(d) != PlanState.FINISHED) {
        return false;
      }
    }
    return true;
  }

  private Set<String> inState(PlanState state) {
    Set<String> result = new LinkedHashSet<>();
    states.forEach(
        (process, s) -> {
          if (s == state) {
            result.add(process);
          }
        });
    return Collections.unmodifiableSet(result);
  }

  private IllegalStateException misuse(String operation, String process) {
    PlanState state = states.get(process);
    String detail = state.name();
    if (state == PlanState.PENDING && !isRunnable(process)) {
      List<String> unfinished =
          dependencies.get(process).stream()
              .filter(d -> states.get(d) != PlanState.FINISHED)
              .sorted()
              .toList();
      detail += " (waiting for " + unfinished + ")";
    }
    return new IllegalStateException(operation + ": process " + process + " is " + detail);
  }

  private void requireKnown(String process) {
    if (!states.containsKey(process)) {
      throw new IllegalArgumentException(
          "unknown process " + process + " (plan: " + processes + ")");
    }
  }
}
