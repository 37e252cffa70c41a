package dev.thermos.runner;

import dev.thermos.launch.Spawner;

/**
 * What wakes the run loop. Other threads only create events and enqueue them; every change of state
 * happens on the loop thread.
 */
sealed interface Event {
  /** A coordinator checkpoint changed (new records may be there). */
  record CoordinatorWrote(String process) implements Event {}

  /**
   * A coordinator process ended; its last records, if any, are in its checkpoint. {@code process}
   * is null when only the pid is known (the loop resolves it).
   */
  record CoordinatorExited(String process, int coordinatorPid, int exitCode) implements Event {}

  /** {@code spawner} ended: exits of the coordinators it forked must be learned another way. */
  record SpawnerEnded(Spawner spawner) implements Event {}

  /** Something was removed from the checkpoint directory, or the directory itself. */
  record CheckpointRemoved() implements Event {}

  /** A request was appended to the task's {@code control.jsonl} ({@link TaskControl}). */
  record ControlWritten() implements Event {}

  /** A signal asked the runner to stop the task. */
  record Stop(StopRequest request) implements Event {}

  /** A copy of an idle-scaled process wrote its status file ({@link StatusWatcher}). */
  record StatusChanged() implements Event {}

  /** A health check of a run ended ({@link dev.thermos.health.HealthMonitor}). */
  record HealthChecked(dev.thermos.health.HealthResult result) implements Event {}
}
