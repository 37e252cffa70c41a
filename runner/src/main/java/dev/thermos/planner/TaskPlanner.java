package dev.thermos.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of one half of a task (regular or finalizing) with Aurora's retry rules (Aurora's
 * {@code TaskPlanner}, plus the run cap of {@code CappedTaskPlanner}). Pure: callers pass times.
 *
 * <p>The states and legal calls are those of {@link Planner}. The outcome of a run picks the
 * transition out of RUNNING, checked top to bottom (runs = successes + failures + losses):
 *
 * <pre>
 *   call          after counting          transition
 *   ------------  ----------------------  -------------------------------------------
 *   addSuccess    runs &gt;= run limit       RUNNING -&gt; FAILED
 *                 daemon                  RUNNING -&gt; PENDING  (runs again)
 *                 otherwise               RUNNING -&gt; FINISHED
 *   addFailure    runs &gt;= run limit       RUNNING -&gt; FAILED
 *                 maxFailures == 0 or
 *                 failures &lt; maxFailures  RUNNING -&gt; PENDING  (retried)
 *                 ephemeral               RUNNING -&gt; FINISHED (ephemerals never fail)
 *                 otherwise               RUNNING -&gt; FAILED
 *   lost          runs &gt;= run limit       RUNNING -&gt; FAILED
 *                 otherwise               RUNNING -&gt; PENDING  (not a failure)
 *   setFailed                             RUNNING -&gt; FAILED
 * </pre>
 *
 * <p><b>Clock gate.</b> A PENDING process whose dependencies finished is <em>runnable</em> at
 * {@code now} once {@code minDurationSecs} have passed since its last run <em>ended</em>
 * (success, failure or loss), and <em>waiting</em> before that; the first run is never delayed.
 * {@link #setRunning} does not consult the clock, so a checkpoint can be replayed through
 * {@code setRunning}/{@code addSuccess}/{@code addFailure}/{@code lost} in record order with the
 * original timestamps to rebuild the state after a restart (a launch that failed before RUNNING is
 * replayed as {@code setRunning} then {@code addFailure}). The runner maps KILLED to {@link #lost}.
 *
 * <p><b>Completion.</b> The plan is complete when every non-ephemeral process is FINISHED or
 * FAILED: ephemerals count as done whether running, pending or never started.
 *
 * <p>Lists are in declaration order. Calls that break the state machine throw
 * {@link IllegalStateException} naming the process and its state.
 */
public final class TaskPlanner {
  /** No run cap (Aurora's {@code TaskPlanner}, used by {@code thermos run}/{@code simplerun}). */
  public static final int UNLIMITED_RUNS = Integer.MAX_VALUE;

  /** The cap of the production runner ({@code thermos_runner}'s {@code CappedTaskPlanner}). */
  public static final int RUNNER_RUN_LIMIT = 100;

  private final Planner planner;
  private final Map<String, ProcessAttributes> attributes;
  private final Map<String, RunCounters> counters = new HashMap<>();
  private int runLimit = UNLIMITED_RUNS;

  private TaskPlanner(Planner planner, Map<String, ProcessAttributes> attributes) {
    this.planner = planner;
    this.attributes = attributes;
    attributes.keySet().forEach(p -> counters.put(p, new RunCounters()));
  }

  /**
   * Builds the plan over the processes whose {@code isFinal} equals {@code finalPlan}. A name
   * declared twice keeps its first position and its last attributes (as Aurora's dict does).
   *
   * @param all every process of the task, in declaration order
   * @param orders the task's order constraints
   * @param finalPlan true for the finalizing plan, false for the regular one
   * @return the plan, uncapped
   * @throws InvalidScheduleException with Aurora's message (see {@link DependencyExtractor})
   */
  public static TaskPlanner of(
      List<ProcessAttributes> all, List<List<String>> orders, boolean finalPlan)
      throws InvalidScheduleException {
    Map<String, ProcessAttributes> members = new LinkedHashMap<>();
    for (ProcessAttributes process : all) {
      if (process.isFinal() == finalPlan) {
        members.put(process.name(), process);
      }
    }
    Map<String, Set<String>> dependencies = DependencyExtractor.extract(members, orders);
    Planner planner = new Planner(List.copyOf(members.keySet()), dependencies,
        DependencyExtractor.extractConditional(members, DependsOn.STARTED),
        DependencyExtractor.extractConditional(members, DependsOn.HEALTHY));
    return new TaskPlanner(planner, members);
  }

  /**
   * Caps the total number of ended runs (successes, failures and losses) of each process; the run
   * that reaches the cap leaves the process FAILED whatever its outcome. Meant to be chained onto
   * {@link #of}.
   *
   * @param limit the cap, at least 1 ({@link #UNLIMITED_RUNS} for none)
   * @return this planner
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  public TaskPlanner withRunLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("run limit must be at least 1, got " + limit);
    }
    this.runLimit = limit;
    return this;
  }

  /** @return the processes of this plan, in declaration order */
  public List<String> processes() {
    return planner.processes();
  }

  /**
   * @param process a process of this plan
   * @return its state in the plan
   */
  public PlanState stateOf(String process) {
    return planner.stateOf(process);
  }

  /**
   * @param process a process of this plan
   * @return its attributes
   */
  public ProcessAttributes attributes(String process) {
    planner.stateOf(process);
    return attributes.get(process);
  }

  /**
   * @param process a process of this plan
   * @param nowSecs the time
   * @return seconds until the clock gate opens: 0 if no run has ended, else min_duration (or,
   *     after a failure, the {@link RestartBackoff} delay when longer) minus the time since the
   *     last run ended (negative once open)
   */
  public double waitSecs(String process, double nowSecs) {
    RunCounters c = countersOf(process);
    if (!c.hasEnded()) {
      return 0;
    }
    ProcessAttributes a = attributes.get(process);
    double gate = a.minDurationSecs();
    if (a.backoff() != null && c.lastFailed()) {
      gate = Math.max(gate, a.backoff().delaySecs(process, c.runs(), c.streak()));
    }
    return gate - (nowSecs - c.lastTerminalSecs());
  }

  /**
   * @param nowSecs the time
   * @return processes that may be started now, in declaration order
   */
  public List<String> runnableAt(double nowSecs) {
    List<String> out = new ArrayList<>();
    for (String p : planner.runnable()) {
      if (waitSecs(p, nowSecs) <= 0) {
        out.add(p);
      }
    }
    return out;
  }

  /** @return see {@link Planner#nextInLine} */
  public List<String> nextInLine() {
    return planner.nextInLine();
  }

  /**
   * @param nowSecs the time
   * @return processes whose dependencies finished but whose clock gate is closed
   */
  public List<String> waitingAt(double nowSecs) {
    List<String> out = new ArrayList<>();
    for (String p : planner.runnable()) {
      if (waitSecs(p, nowSecs) > 0) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * @param nowSecs the time
   * @return 0 if something is runnable, else the smallest wait among waiting processes, else
   *     {@link Double#POSITIVE_INFINITY}
   */
  public double minWait(double nowSecs) {
    double min = Double.POSITIVE_INFINITY;
    for (String p : planner.runnable()) {
      double wait = waitSecs(p, nowSecs);
      if (wait <= 0) {
        return 0;
      }
      min = Math.min(min, wait);
    }
    return min;
  }

  /**
   * Marks a run as started (PENDING → RUNNING, or no-op if RUNNING). Ignores the clock gate.
   *
   * @param process a process of this plan
   * @throws IllegalStateException if it is terminal or has an unfinished dependency
   */
  public void setRunning(String process) {
    planner.setRunning(process);
  }

  /** A run of {@code process} reached RUNNING: see {@link Planner#markStarted}. */
  public void markStarted(String process) {
    planner.markStarted(process);
  }

  /** A run of {@code process} passed its health check: see {@link Planner#markHealthy}. */
  public void markHealthy(String process) {
    planner.markHealthy(process);
  }

  /**
   * Records a successful run ending at {@code endSecs}.
   *
   * @param process a running process of this plan
   * @param endSecs when the run ended
   * @throws IllegalStateException if it is not running
   */
  public void addSuccess(String process, double endSecs) {
    planner.requireRunning("addSuccess", process);
    countersOf(process).success(endSecs);
    if (reachedRunLimit(process)) {
      planner.setFailed(process);
    } else if (attributes.get(process).daemon()) {
      planner.reset(process);
    } else {
      planner.setFinished(process);
    }
  }

  /**
   * Records a failed run ending at {@code endSecs}.
   *
   * @param process a running process of this plan
   * @param endSecs when the run ended
   * @throws IllegalStateException if it is not running
   */
  public void addFailure(String process, double endSecs) {
    addFailure(process, endSecs, Double.NaN);
  }

  /**
   * Records a failed run ending at {@code endSecs} that lived {@code livedSecs} (NaN when not
   * known): a long enough life resets the {@link RestartBackoff} count.
   */
  public void addFailure(String process, double endSecs, double livedSecs) {
    planner.requireRunning("addFailure", process);
    RunCounters c = countersOf(process);
    c.failure(endSecs, livedSecs, resetAfter(process));
    ProcessAttributes a = attributes.get(process);
    if (reachedRunLimit(process)) {
      planner.setFailed(process);
    } else if (a.maxFailures() == 0 || c.failures() < a.maxFailures()) {
      planner.reset(process);
    } else if (a.ephemeral()) {
      planner.setFinished(process);
    } else {
      planner.setFailed(process);
    }
  }

  /**
   * Records a run that was lost (or killed) at {@code endSecs}: retried after min_duration, not
   * counted as a failure, but counted toward the run cap.
   *
   * @param process a running process of this plan
   * @param endSecs when the loss was noticed
   * @throws IllegalStateException if it is not running
   */
  public void lost(String process, double endSecs) {
    lost(process, endSecs, Double.NaN);
  }

  /** Records a lost run that lived {@code livedSecs} (NaN when not known). */
  public void lost(String process, double endSecs, double livedSecs) {
    planner.requireRunning("lost", process);
    countersOf(process).loss(endSecs, livedSecs, resetAfter(process));
    if (reachedRunLimit(process)) {
      planner.setFailed(process);
    } else {
      planner.reset(process);
    }
  }

  /**
   * Pins a running process as FAILED.
   *
   * @param process a running process of this plan
   * @throws IllegalStateException if it is not running
   */
  public void setFailed(String process) {
    planner.setFailed(process);
  }

  /** @return whether every non-ephemeral process is finished or failed */
  public boolean isComplete() {
    for (String p : planner.processes()) {
      if (!attributes.get(p).ephemeral() && !planner.stateOf(p).isTerminal()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param nowSecs the time
   * @return nothing running, runnable or waiting, yet not complete (e.g. the successor of a
   *     failed process)
   */
  public boolean deadlocked(double nowSecs) {
    return running().isEmpty()
        && runnableAt(nowSecs).isEmpty()
        && waitingAt(nowSecs).isEmpty()
        && !isComplete();
  }

  /** @return the running processes */
  public Set<String> running() {
    return planner.running();
  }

  /** @return the finished processes */
  public Set<String> finished() {
    return planner.finished();
  }

  /** @return the failed processes */
  public Set<String> failed() {
    return planner.failed();
  }

  /** @return the number of failed runs of {@code process} */
  public int failures(String process) {
    return countersOf(process).failures();
  }

  private double resetAfter(String process) {
    RestartBackoff b = attributes.get(process).backoff();
    return b == null ? Double.POSITIVE_INFINITY : b.resetAfterSecs();
  }

  private boolean reachedRunLimit(String process) {
    return countersOf(process).runs() >= runLimit;
  }

  private RunCounters countersOf(String process) {
    planner.stateOf(process);
    return counters.get(process);
  }
}
