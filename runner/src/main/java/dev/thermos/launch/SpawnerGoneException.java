package dev.thermos.launch;

import java.io.IOException;

/**
 * The spawner ended before it answered a request: the coordinator asked for may or may not have
 * been forked (see {@link Spawner#commandLine()} for how to tell).
 */
public final class SpawnerGoneException extends IOException {
  private final Spawner spawner;

  SpawnerGoneException(Spawner spawner, Throwable cause) {
    super("the spawner (pid " + spawner.pid() + ") ended during a launch", cause);
    this.spawner = spawner;
  }

  /** The spawner that ended. */
  public Spawner spawner() {
    return spawner;
  }
}
