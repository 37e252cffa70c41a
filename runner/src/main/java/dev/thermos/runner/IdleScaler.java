package dev.thermos.runner;

import dev.thermos.config.IdleScaling;
import java.util.List;

/**
 * The rule of idle-based scaling (spamd's prefork pool), without clock or files: one more copy
 * while fewer than {@code min_idle} are idle (up to {@code max}); one fewer while more than
 * {@code max_idle} are idle and the highest-numbered copy is one of them (down to {@code min}; the
 * copies stay numbered 0 to N-1); at most one change per {@code interval}.
 */
final class IdleScaler {
  /** What to do: {@code count} copies (the current count: nothing); look again at dueSecs. */
  record Decision(int count, double dueSecs) {}

  private IdleScaler() {}

  /**
   * @param statuses what copy {@code i} last wrote ("idle", "busy", or null), one per copy
   * @param lastChangeSecs when the count last changed (or scaling began)
   */
  static Decision decide(IdleScaling spec, List<String> statuses, double lastChangeSecs,
      double now) {
    int count = statuses.size();
    int idle = (int) statuses.stream().filter("idle"::equals).count();
    int wanted = count;
    if (idle < spec.minIdle() && count < spec.max()) {
      wanted = count + 1;
    } else if (idle > spec.maxIdle() && count > spec.min()
        && "idle".equals(statuses.get(count - 1))) {
      wanted = count - 1;
    }
    if (wanted == count) {
      return new Decision(count, Double.POSITIVE_INFINITY);
    }
    double allowed = lastChangeSecs + spec.intervalSecs();
    return now >= allowed ? new Decision(wanted, Double.POSITIVE_INFINITY)
        : new Decision(count, allowed);
  }
}
