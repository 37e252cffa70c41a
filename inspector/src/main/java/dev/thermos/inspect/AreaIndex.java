package dev.thermos.inspect;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every task's sandbox and log directory by real location (see {@link AreaGuard#realOrNormal}), so
 * that whether an area equals, contains or lies inside another task's is found by walking its
 * ancestors and one range of a sorted map, not by comparing it with every other area.
 */
final class AreaIndex {
  /** Owners (task ids) of each area, keyed by its path as a string: "/a/b/" sorts its subtree. */
  private final TreeMap<String, Set<String>> owners = new TreeMap<>();

  /** Records that {@code area} (a real location) belongs to {@code taskId}. */
  void add(String taskId, Path area) {
    owners.computeIfAbsent(area.toString(), k -> new HashSet<>()).add(taskId);
  }

  /** An area of a task other than {@code taskId} that equals, contains or lies inside {@code real}. */
  Optional<Path> overlap(Path real, String taskId) {
    for (Path p = real; p != null; p = p.getParent()) {
      if (ownedByOther(p.toString(), taskId)) {
        return Optional.of(p);
      }
    }
    String prefix = real.toString().endsWith("/") ? real.toString() : real + "/";
    // '0' follows '/': the range holds exactly the paths that start with prefix.
    String end = prefix.substring(0, prefix.length() - 1) + "0";
    for (Map.Entry<String, Set<String>> e : owners.subMap(prefix, true, end, false).entrySet()) {
      if (ownedByOther(e.getKey(), taskId)) {
        return Optional.of(Path.of(e.getKey()));
      }
    }
    return Optional.empty();
  }

  private boolean ownedByOther(String area, String taskId) {
    Set<String> ids = owners.get(area);
    return ids != null && (ids.size() > 1 || !ids.contains(taskId));
  }
}
