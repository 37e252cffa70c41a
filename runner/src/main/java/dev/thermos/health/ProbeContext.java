package dev.thermos.health;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a {@code cmdline} check runs: the run's working directory, its full environment (the
 * check's environment is exactly this map) and the user ({@code null}: as the runner).
 */
public record ProbeContext(Path workingDir, Map<String, String> env, RunAs user) {
  public ProbeContext {
    env = Map.copyOf(env);
  }
}
