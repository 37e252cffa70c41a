package dev.thermos.health;

import dev.thermos.config.HealthCheck;
import dev.thermos.config.HealthTargets;
import java.net.URI;

/** One kind of health check, ready to run against one run of a process. */
interface HealthProbe {
  /**
   * Runs one check, bounded by the check's timeout.
   *
   * @return the outcome; a failure of the checked thing (refused, timed out, non-zero) is a
   *     failed outcome, not an exception
   * @throws InterruptedException when the check was cancelled; whatever it started is ended
   * @throws Exception for anything else going wrong, which the monitor reports as a failure
   */
  ProbeOutcome check() throws Exception;

  /** The probe for {@code check} (its target interpolated) in {@code context}. */
  static HealthProbe of(HealthCheck check, ProbeContext context) {
    return switch (check.kind()) {
      case CMDLINE -> new CmdlineProbe(check.target(), check.timeoutSecs(), context);
      case HTTP -> new HttpProbe(URI.create(check.target()), check.timeoutSecs());
      case TCP -> new TcpProbe(HealthTargets.hostPort(check.target()), check.timeoutSecs());
    };
  }
}
