package dev.thermos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: a scheduler driven only by the planner, on a random valid plan with random outcomes,
 * never starts a process before its dependencies finished or before its min_duration passed,
 * never runs a process twice at once, and always ends complete or deadlocked; replaying its
 * history into a fresh planner rebuilds the same state.
 */
class PlannerSimulationPropertyTest {
  private enum Kind { START, SUCCESS, FAILURE, LOST }

  private record Event(Kind kind, String process, double timeSecs) {}

  static Stream<Long> seeds() {
    return LongStream.range(0, 500).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aPlannerDrivenSchedulerIsSafeAndTerminates(long seed) throws Exception {
    Random random = new Random(seed);
    RandomPlan plan = RandomPlan.generate(random);
    Simulation sim = new Simulation(plan, random);
    sim.run();
    TaskPlanner replayed = plan.planner();
    for (Event e : sim.history) {
      apply(replayed, e);
    }
    assertSameState(sim.planner, replayed, sim.now, plan);
  }

  private static void apply(TaskPlanner p, Event e) {
    switch (e.kind()) {
      case START -> p.setRunning(e.process());
      case SUCCESS -> p.addSuccess(e.process(), e.timeSecs());
      case FAILURE -> p.addFailure(e.process(), e.timeSecs());
      case LOST -> p.lost(e.process(), e.timeSecs());
    }
  }

  private static void assertSameState(TaskPlanner a, TaskPlanner b, double now, RandomPlan plan) {
    assertEquals(a.running(), b.running());
    assertEquals(a.finished(), b.finished());
    assertEquals(a.failed(), b.failed());
    assertEquals(a.runnableAt(now), b.runnableAt(now));
    assertEquals(a.waitingAt(now), b.waitingAt(now));
    assertEquals(a.minWait(now), b.minWait(now));
    for (ProcessAttributes process : plan.processes()) {
      assertEquals(a.failures(process.name()), b.failures(process.name()));
    }
  }

  /** The scheduler under test, with its own bookkeeping to check the planner against. */
  private static final class Simulation {
    final RandomPlan plan;
    final Random random;
    final TaskPlanner planner;
    final List<Event> history = new ArrayList<>();
    final Set<String> running = new HashSet<>();
    final Map<String, Double> lastEnd = new HashMap<>();
    final Set<String> everSucceeded = new HashSet<>();
    final int concurrency;
    double now;

    Simulation(RandomPlan plan, Random random) throws InvalidScheduleException {
      this.plan = plan;
      this.random = random;
      this.planner = plan.planner();
      this.concurrency = random.nextInt(4);
    }

    void run() {
      int maxPasses = 3 * plan.processes().size() * plan.runLimit() + 3;
      for (int pass = 0; pass < maxPasses; pass++) {
        if (planner.isComplete()) {
          return;
        }
        Set<String> terminalBefore = terminal();
        if (!step()) {
          assertTrue(planner.deadlocked(now), "stuck but not deadlocked at " + now);
          return;
        }
        assertTrue(terminal().containsAll(terminalBefore), "a terminal process came back");
      }
      fail("no end after " + maxPasses + " passes");
    }

    /** @return false when nothing can ever happen again */
    private boolean step() {
      List<String> runnable = planner.runnableAt(now);
      runnable.forEach(this::checkMayStart);
      startSome(runnable);
      if (!running.isEmpty()) {
        endOneRun();
        return true;
      }
      if (planner.waitingAt(now).isEmpty()) {
        return false;
      }
      double wait = planner.minWait(now);
      assertTrue(wait > 0 && wait < Double.POSITIVE_INFINITY, "min wait " + wait);
      now += wait;
      assertFalse(planner.runnableAt(now).isEmpty(), "nothing runnable after min wait");
      return true;
    }

    private void checkMayStart(String process) {
      assertFalse(running.contains(process), process + " offered while running");
      for (String dependency : plan.dependenciesOf(process)) {
        assertTrue(planner.finished().contains(dependency), dependency + " not finished");
        assertFalse(running.contains(dependency), dependency + " still running");
        assertTrue(lastEnd.containsKey(dependency), dependency + " never ran");
        if (!planner.attributes(dependency).ephemeral()) {
          assertTrue(everSucceeded.contains(dependency), dependency + " never succeeded");
        }
      }
      ProcessAttributes a = planner.attributes(process);
      if (lastEnd.containsKey(process)) {
        assertTrue(now - lastEnd.get(process) >= a.minDurationSecs(), process + " too early");
      }
    }

    private void startSome(List<String> runnable) {
      for (String process : runnable) {
        boolean roomLeft = concurrency == 0 || running.size() < concurrency;
        boolean forced = running.isEmpty();
        if (roomLeft && (forced || random.nextInt(10) < 7)) {
          planner.setRunning(process);
          running.add(process);
          history.add(new Event(Kind.START, process, now));
        }
      }
    }

    private void endOneRun() {
      List<String> candidates = new ArrayList<>(running);
      candidates.sort(null);
      String process = candidates.get(random.nextInt(candidates.size()));
      now += random.nextInt(5) / 2.0;
      int dice = random.nextInt(20);
      Kind kind = dice < 10 ? Kind.SUCCESS : dice < 15 ? Kind.FAILURE : Kind.LOST;
      apply(planner, new Event(kind, process, now));
      history.add(new Event(kind, process, now));
      running.remove(process);
      lastEnd.put(process, now);
      if (kind == Kind.SUCCESS) {
        everSucceeded.add(process);
      }
      assertEquals(running, planner.running());
    }

    private Set<String> terminal() {
      Set<String> result = new HashSet<>(planner.finished());
      result.addAll(planner.failed());
      return result;
    }
  }
}
