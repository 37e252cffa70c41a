package dev.thermos.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which finished tasks to collect (Aurora's old {@code GarbageCollectionPolicy}, §8): every task
 * older than {@code maxAge}; then, newest first, once the tasks kept add up to more than
 * {@code maxSpaceBytes}, that task and every older one; then the oldest of the rest while more than
 * {@code maxTasks} remain. The result is oldest first. Unlike Aurora's code, the space budget keeps
 * the newest tasks (Aurora's kept the oldest and collected the newest, against its own intent).
 *
 * @param maxAge collect tasks older than this; null for no limit
 * @param maxTasks keep at most this many; {@link Integer#MAX_VALUE} for no limit
 * @param maxSpaceBytes keep at most this many bytes; {@link Long#MAX_VALUE} for no limit
 */
public record GcPolicy(Duration maxAge, int maxTasks, long maxSpaceBytes) {
  public GcPolicy {
    if (maxTasks < 0 || maxSpaceBytes < 0 || (maxAge != null && maxAge.isNegative())) {
      throw new IllegalArgumentException("negative limit: age " + maxAge + ", tasks " + maxTasks
          + ", bytes " + maxSpaceBytes);
    }
  }

  /** No limit at all: collects nothing. */
  public static GcPolicy unlimited() {
    return new GcPolicy(null, Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  /** {@code targets} sorted oldest first (ties by task id). */
  public static List<GcTarget> oldestFirst(List<GcTarget> targets) {
    List<GcTarget> out = new ArrayList<>(targets);
    out.sort(Comparator.comparing(GcTarget::lastModified).thenComparing(GcTarget::taskId));
    return out;
  }

  /** The targets to collect at {@code now}, oldest first. */
  public List<GcTarget> select(List<GcTarget> targets, Instant now) {
    List<GcTarget> oldestFirst = oldestFirst(targets);
    Set<GcTarget> chosen = new LinkedHashSet<>();
    if (maxAge != null) {
      for (GcTarget t : oldestFirst) {
        if (t.lastModified().isBefore(now.minus(maxAge))) {
          chosen.add(t);
        }
      }
    }
    long kept = 0;
    boolean over = false;
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      GcTarget t = oldestFirst.get(i);
      if (chosen.contains(t)) {
        continue;
      }
      kept += t.bytes();
      over |= kept > maxSpaceBytes;
      if (over) {
        chosen.add(t);
      }
    }
    long remaining = oldestFirst.stream().filter(t -> !chosen.contains(t)).count();
    for (GcTarget t : oldestFirst) {
      if (remaining <= maxTasks) {
        break;
      }
      if (chosen.add(t)) {
        remaining--;
      }
    }
    return oldestFirst.stream().filter(chosen::contains).toList();
  }
}
