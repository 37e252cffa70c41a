package dev.thermos.config;

import dev.thermos.planner.RestartBackoff;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the fields beyond Aurora's ({@link ProcessOptions}, a task's {@code env}), checked
 * when a task is loaded and again once it is interpolated (templates may have produced any text).
 */
final class ProcessOptionsRules {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The task's marker ({@code TaskMarker}): the end of the task finds its processes by it. */
  private static final String RESERVED = "THERMOS_TASK";

  private ProcessOptionsRules() {}

  /** {@code what} starts the message ("Task has invalid ..."). */
  static void checkEnv(String what, Map<String, String> env) throws InvalidTaskException {
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidTaskException(what + "env: " + Names.quote(name)
            + " is not a variable name (letters, digits and _, not starting with a digit)");
      }
      if (name.equals(RESERVED)) {
        throw new InvalidTaskException(what + "env: " + RESERVED
            + " is reserved (it marks the task's processes)");
      }
      if (e.getValue().indexOf('\0') >= 0) {
        throw new InvalidTaskException(what + "env." + name + ": contains a NUL character");
      }
    }
  }

  /** {@code restart_backoff}: finite, non-negative, max at least initial, jitter within 0-1. */
  static void checkBackoff(String what, RestartBackoff b) throws InvalidTaskException {
    if (b == null) {
      return;
    }
    String field = what + "restart_backoff: ";
    if (!(b.initialSecs() >= 0 && b.maxSecs() >= b.initialSecs() && b.resetAfterSecs() >= 0
        && Double.isFinite(b.maxSecs()) && Double.isFinite(b.resetAfterSecs()))) {
      throw new InvalidTaskException(field + "initial, max and reset_after must be finite"
          + " seconds >= 0, max at least initial");
    }
    if (!(b.multiplier() >= 1 && Double.isFinite(b.multiplier()))) {
      throw new InvalidTaskException(field + "multiplier " + b.multiplier() + " (must be >= 1)");
    }
    if (!(b.jitter() >= 0 && b.jitter() <= 1)) {
      throw new InvalidTaskException(field + "jitter " + b.jitter() + " (must be 0 to 1)");
    }
  }

  /**
   * An interpolated health check's target: an {@code http://} or {@code https://} URL with a
   * host, or {@code host:port}; no NUL in a command line.
   */
  static void checkHealthTarget(String what, HealthCheck check) throws InvalidTaskException {
    String field = what + "health_check." + check.kind().jsonName() + ": "
        + Names.quote(check.target());
    String problem = switch (check.kind()) {
      case CMDLINE -> check.target().isBlank() || check.target().indexOf('\0') >= 0
          ? "must be a command" : null;
      case HTTP -> HealthTargets.httpProblem(check.target());
      case TCP -> HealthTargets.tcpProblem(check.target());
    };
    if (problem != null) {
      throw new InvalidTaskException(field + " (" + problem + ")");
    }
  }

  static void checkProcess(String what, ProcessOptions options) throws InvalidTaskException {
    checkEnv(what, options.env());
    checkBackoff(what, options.restartBackoff());
    String dir = options.workingDir();
    if (dir != null) {
      if (dir.isEmpty() || dir.indexOf('\0') >= 0) {
        throw new InvalidTaskException(what + "working_dir: " + Names.quote(dir)
            + " (must be a directory name)");
      }
      if (!dir.startsWith("/")) {
        for (Path part : Path.of(dir)) {
          if (part.toString().equals("..") || part.toString().equals(".")) {
            throw new InvalidTaskException(what + "working_dir: " + Names.quote(dir)
                + " (a relative working_dir names directories below the sandbox: no '.' or"
                + " '..')");
          }
        }
      }
    }
  }
}
