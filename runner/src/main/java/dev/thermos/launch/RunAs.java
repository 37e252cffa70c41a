package dev.thermos.launch;

import java.util.List;

/**
 * The user a run's command runs as when the runner is root: uid, primary gid and supplementary
 * groups, as {@code initgroups(3)} would set them.
 *
 * @param name the user's name (for messages and USER/LOGNAME)
 * @param uid the user id
 * @param gid the primary group id
 * @param groups the supplementary group ids
 */
public record RunAs(String name, int uid, int gid, List<Integer> groups) {
  public RunAs {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("negative uid or gid");
    }
    groups = List.copyOf(groups);
  }
}
