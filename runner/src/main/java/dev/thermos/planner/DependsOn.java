package dev.thermos.planner;

/**
 * What a process waits for of another before it may start ({@code depends_on}, process-compose's
 * conditions): {@code succeeded} is Aurora's ordering (the other finished for good);
 * {@code started} waits until the other has been RUNNING (it may still run, a daemon say);
 * {@code healthy} until a run of the other passed its health check.
 */
public enum DependsOn {
  SUCCEEDED,
  STARTED,
  HEALTHY;

  /** The name in a task file. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
