package dev.thermos.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.HealthCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor's timing, queueing and cancelling, on a manual clock, timer and check pool. */
class HealthMonitorTest {
  private static final ProbeContext CONTEXT = new ProbeContext(Path.of("/"), Map.of(), null);

  private final ManualTime time = new ManualTime(100);
  private final List<HealthResult> results = new ArrayList<>();
  /** What the next checks do, in order; a check with none left passes at once. */
  private final List<HealthProbe> script = new ArrayList<>();
  private final HealthMonitor monitor = new HealthMonitor(results::add, time, time, time.checks(),
      (check, context) -> () -> script.isEmpty() ? ProbeOutcome.pass("ok")
          : script.remove(0).check());

  private static HealthCheck check(double interval, double initialDelay) {
    return new HealthCheck(HealthCheck.Kind.CMDLINE, "true", interval, 5, initialDelay, 3);
  }

  /** Moves to {@code secs} timer by timer, running the checks each queues as it fires. */
  private void runUntil(double secs) {
    time.checks().runQueued();
    while (time.nextDueSecs() <= secs) {
      time.advanceTo(time.nextDueSecs());
      time.checks().runQueued();
    }
    time.advanceTo(secs);
  }

  private List<Double> checkTimes() {
    return results.stream().map(HealthResult::checkedAtSecs).toList();
  }

  @Test
  void theFirstCheckIsDueTheInitialDelayAfterTheRunStarted() {
    monitor.watch("p", 0, check(10, 5), CONTEXT, 100);
    runUntil(104.9);
    assertEquals(List.of(), results);
    runUntil(105);
    assertEquals(List.of(new HealthResult("p", 0, true, "ok", 105)), results);
  }

  @Test
  void aFirstCheckWhoseTimeHasPassedRunsAtOnce() {
    time.advanceTo(200);
    monitor.watch("p", 3, check(10, 5), CONTEXT, 100);
    runUntil(200);
    assertEquals(List.of(new HealthResult("p", 3, true, "ok", 200)), results);
  }

  @Test
  void checksAreAnIntervalApartFromStartToStart() {
    script.add(() -> {
      time.elapse(3);
      return ProbeOutcome.fail("slow");
    });
    monitor.watch("p", 0, check(10, 5), CONTEXT, 100);
    runUntil(105);
    runUntil(114.9);
    assertEquals(List.of(105.0), checkTimes());
    runUntil(115);
    assertEquals(List.of(105.0, 115.0), checkTimes());
    assertEquals(List.of(false, true), results.stream().map(HealthResult::passed).toList());
  }

  @Test
  void aCheckLongerThanTheIntervalDelaysTheNextAndNeverOverlapsIt() {
    List<Integer> timersDuringCheck = new ArrayList<>();
    script.add(() -> {
      time.advanceTo(time.nowSecs() + 25);
      timersDuringCheck.add((int) time.pendingTimers() + time.checks().queued());
      return ProbeOutcome.pass("slow");
    });
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(100);
    assertEquals(List.of(0), timersDuringCheck, "nothing else set or queued while it ran");
    runUntil(125);
    assertEquals(List.of(100.0, 125.0), checkTimes());
  }

  @Test
  void aDueCheckWaitingForASlotRunsLateOnceAndIsNotSkipped() {
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    time.advanceTo(150);
    assertEquals(1, time.checks().queued(), "one check queued, however late");
    time.checks().runQueued();
    assertEquals(List.of(150.0), checkTimes());
    runUntil(159.9);
    runUntil(160);
    assertEquals(List.of(150.0, 160.0), checkTimes());
  }

  @Test
  void aProbeThatThrowsIsAFailedCheckAndCheckingGoesOn() {
    script.add(() -> {
      throw new IllegalStateException("probe broke");
    });
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(100);
    runUntil(110);
    assertEquals(List.of(new HealthResult("p", 0, false, "probe broke", 100),
        new HealthResult("p", 0, true, "ok", 110)), results);
  }

  @Test
  void aSinkThatThrowsDoesNotStopTheChecks() {
    List<Double> seen = new ArrayList<>();
    HealthMonitor throwing = new HealthMonitor(r -> {
      seen.add(r.checkedAtSecs());
      throw new IllegalStateException("sink broke");
    }, time, time, time.checks(), (check, context) -> () -> ProbeOutcome.pass("ok"));
    throwing.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(120);
    assertEquals(List.of(100.0, 110.0, 120.0), seen);
  }

  @Test
  void unwatchCancelsTheTimerAndAQueuedCheck() {
    monitor.watch("p", 0, check(10, 5), CONTEXT, 100);
    monitor.unwatch("p");
    runUntil(200);
    monitor.watch("q", 0, check(10, 0), CONTEXT, 200);
    time.advanceTo(200);
    monitor.unwatch("q");
    time.checks().runQueued();
    runUntil(300);
    assertEquals(List.of(), results);
    assertEquals(0, time.pendingTimers());
  }

  @Test
  void theResultOfACheckInFlightWhenUnwatchedIsNotDelivered() {
    script.add(() -> {
      monitor.unwatch("p");
      boolean interrupted = Thread.interrupted();
      return ProbeOutcome.pass("interrupted " + interrupted);
    });
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(100);
    runUntil(200);
    assertEquals(List.of(), results);
    assertEquals(0, time.pendingTimers());
  }

  @Test
  void aCheckInFlightIsInterruptedByUnwatch() {
    List<Boolean> interrupted = new ArrayList<>();
    script.add(() -> {
      monitor.unwatch("p");
      interrupted.add(Thread.interrupted());
      return ProbeOutcome.pass("ok");
    });
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(100);
    assertEquals(List.of(true), interrupted);
  }

  @Test
  void watchingAgainReplacesTheEarlierWatch() {
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    runUntil(100);
    monitor.watch("p", 1, check(10, 2), CONTEXT, 103);
    runUntil(130);
    assertEquals(List.of(0, 1, 1, 1), results.stream().map(HealthResult::run).toList());
    assertEquals(List.of(100.0, 105.0, 115.0, 125.0), checkTimes());
  }

  @Test
  void closeEndsEveryWatchAndRefusesNewOnes() {
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    monitor.watch("q", 0, check(10, 5), CONTEXT, 100);
    monitor.close();
    runUntil(200);
    assertEquals(List.of(), results);
    assertTrue(time.timerShutDown());
    assertTrue(time.checks().isShutdown());
    assertThrows(IllegalStateException.class,
        () -> monitor.watch("r", 0, check(10, 0), CONTEXT, 100));
  }

  @Test
  void anUnusableTargetIsRefusedWhenWatchedAndKeepsTheEarlierWatch() {
    monitor.watch("p", 0, check(10, 0), CONTEXT, 100);
    HealthCheck tcp = new HealthCheck(HealthCheck.Kind.TCP, "no-port", 10, 5, 0, 3);
    HealthMonitor real = new HealthMonitor(results::add, time, time, time.checks(),
        HealthProbe::of);
    assertThrows(IllegalArgumentException.class, () -> real.watch("p", 0, tcp, CONTEXT, 100));
    runUntil(100);
    assertFalse(results.isEmpty());
  }
}
