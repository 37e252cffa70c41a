package dev.thermos.control;

import java.util.List;

/**
 * What the state requests of a task's {@link ControlLog} add up to, replayed in order: held (the
 * last of hold and release wins) and the drain, if any (the earliest end of the drains asked; a
 * drain is never undone, not even by a release).
 *
 * @param held nothing new is to be launched
 * @param drainEndSecs when a drain's wait ends; NaN when no drain was asked, infinity for a drain
 *     without a timeout
 */
public record ControlState(boolean held, double drainEndSecs) {
  /** No request. */
  public static final ControlState NONE = new ControlState(false, Double.NaN);

  /** Replays {@code requests} (action verbs change nothing). */
  public static ControlState of(List<ControlRequest> requests) {
    ControlState s = NONE;
    for (ControlRequest r : requests) {
      s = s.apply(r);
    }
    return s;
  }

  /** This state after {@code r}. */
  public ControlState apply(ControlRequest r) {
    return switch (r.verb()) {
      case HOLD -> new ControlState(true, drainEndSecs);
      case RELEASE -> new ControlState(false, drainEndSecs);
      case DRAIN -> {
        double end = r.timeoutSecs() >= 0 ? r.atSecs() + r.timeoutSecs()
            : Double.POSITIVE_INFINITY;
        yield new ControlState(held, draining() ? Math.min(drainEndSecs, end) : end);
      }
      default -> this;
    };
  }

  public boolean draining() {
    return !Double.isNaN(drainEndSecs);
  }

  /** Nothing new may be launched (held or draining). */
  public boolean launchesStopped() {
    return held || draining();
  }
}
