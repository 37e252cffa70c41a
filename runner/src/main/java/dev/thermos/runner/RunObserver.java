package dev.thermos.runner;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;

/** Told of every record once it is durable, on the run loop thread; must return quickly. */
@FunctionalInterface
public interface RunObserver {
  RunObserver NONE = (record, state) -> { };

  void onRecord(RunnerCkpt record, RunnerState state);

  /**
   * After the records of one durable group were told ({@link #onRecord} for each): a display that
   * holds its lines back writes them now, once for the group.
   */
  default void onBatchEnd() {
  }
}
