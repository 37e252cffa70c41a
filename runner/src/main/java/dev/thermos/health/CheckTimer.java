package dev.thermos.health;

import java.util.concurrent.Future;

/** Runs tasks after a delay: the monitor's timers, replaceable by a manual one in tests. */
interface CheckTimer {
  /** Runs {@code task} once, {@code delaySecs} from now (at once when not positive). */
  Future<?> schedule(Runnable task, double delaySecs);

  /** Cancels every pending task and ends the timer's thread. */
  void shutdown();
}
