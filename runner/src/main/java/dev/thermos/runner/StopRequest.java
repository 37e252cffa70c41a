package dev.thermos.runner;

/** How the runner was asked to stop a live task. */
public enum StopRequest {
  /** SIGTERM, SIGINT, SIGUSR1, {@code thermos kill}: CLEANING, finalizers within the window, KILLED. */
  KILL,
  /** A second SIGINT: SIGKILL everything now, no finalizers, KILLED. */
  KILL_NOW,
  /** SIGUSR2: like {@link #KILL_NOW}, ending LOST (Aurora's executor protocol). */
  LOSE
}
