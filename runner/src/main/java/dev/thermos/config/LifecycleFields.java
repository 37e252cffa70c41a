package dev.thermos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a process's {@code max_runtime}, {@code stop_signals} and {@code health_check}. */
final class LifecycleFields {
  private static final int MAX_STOP_SIGNALS = 16;
  /** Checks closer together than this would keep the runner busy forking them. */
  private static final double MIN_INTERVAL_SECS = 0.1;
  private static final Set<String> STOP_SIGNAL_FIELDS = Set.of("signal", "wait");
  private static final Set<String> HEALTH_FIELDS = Set.of("cmdline", "http", "tcp", "interval",
      "timeout", "initial_delay", "failures");

  private LifecycleFields() {}

  /** {@code max_runtime}, {@code stop_signals}, {@code health_check}. */
  static Lifecycle read(JsonFields f) throws InvalidTaskException {
    double maxRuntime = f.doubleOr("max_runtime", 0);
    if (f.has("max_runtime") && !(maxRuntime > 0 && Double.isFinite(maxRuntime))) {
      throw f.error("field \"max_runtime\" must be a number of seconds > 0, got " + maxRuntime);
    }
    return new Lifecycle(maxRuntime, stopSignals(f), healthCheck(f.object("health_check")));
  }

  /** {@code stop_signals}: a list of {@code {"signal": "INT", "wait": 5}}; null when absent. */
  private static List<StopSignal> stopSignals(JsonFields f) throws InvalidTaskException {
    List<JsonFields> rungs = f.objects("stop_signals");
    if (rungs == null) {
      return null;
    }
    List<StopSignal> out = new ArrayList<>();
    for (JsonFields rung : rungs) {
      rung.rejectUnknown(STOP_SIGNAL_FIELDS, Set.of());
      String name = rung.requiredString("signal");
      double wait = rung.doubleOr("wait", StopSignal.DEFAULT_WAIT_SECS);
      StopSignal signal = StopSignal.of(name, wait);
      if (signal == null) {
        throw rung.error("field \"signal\" " + Names.quote(name) + " is not one of "
            + StopSignal.known() + " (SIGKILL always ends the ladder)");
      }
      if (!(wait >= 0 && Double.isFinite(wait))) {
        throw rung.error("field \"wait\" must be a number of seconds >= 0, got " + wait);
      }
      out.add(signal);
    }
    if (out.size() > MAX_STOP_SIGNALS) {
      throw f.error("field \"stop_signals\" has " + out.size() + " rungs (at most "
          + MAX_STOP_SIGNALS + ")");
    }
    return out;
  }

  /** {@code health_check}: exactly one of cmdline, http, tcp, and its timing. */
  private static HealthCheck healthCheck(JsonFields f) throws InvalidTaskException {
    if (f == null) {
      return null;
    }
    f.rejectUnknown(HEALTH_FIELDS, Set.of());
    HealthCheck.Kind kind = null;
    String target = null;
    for (HealthCheck.Kind k : HealthCheck.Kind.values()) {
      String value = f.optionalString(k.jsonName());
      if (value != null && kind != null) {
        throw f.error("has both \"" + kind.jsonName() + "\" and \"" + k.jsonName()
            + "\" (exactly one of cmdline, http, tcp)");
      }
      if (value != null) {
        kind = k;
        target = value;
      }
    }
    if (kind == null) {
      throw f.error("needs one of \"cmdline\", \"http\" or \"tcp\"");
    }
    HealthCheck check = new HealthCheck(kind, target,
        f.doubleOr("interval", HealthCheck.DEFAULT_INTERVAL_SECS),
        f.doubleOr("timeout", HealthCheck.DEFAULT_TIMEOUT_SECS),
        f.doubleOr("initial_delay", HealthCheck.DEFAULT_INITIAL_DELAY_SECS),
        f.intOr("failures", HealthCheck.DEFAULT_FAILURES));
    positive(f, "interval", check.intervalSecs());
    if (check.intervalSecs() < MIN_INTERVAL_SECS) {
      throw f.error("field \"interval\" must be at least " + MIN_INTERVAL_SECS + " seconds, got "
          + check.intervalSecs());
    }
    positive(f, "timeout", check.timeoutSecs());
    if (!(check.initialDelaySecs() >= 0 && Double.isFinite(check.initialDelaySecs()))) {
      throw f.error("field \"initial_delay\" must be a number of seconds >= 0");
    }
    if (check.failures() < 1) {
      throw f.error("field \"failures\" must be at least 1, got " + check.failures());
    }
    return check;
  }

  private static void positive(JsonFields f, String field, double value)
      throws InvalidTaskException {
    if (!(value > 0 && Double.isFinite(value))) {
      throw f.error("field \"" + field + "\" must be a number of seconds > 0, got " + value);
    }
  }
}
