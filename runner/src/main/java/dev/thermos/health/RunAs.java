package dev.thermos.health;

/**
 * The user a {@code cmdline} check runs as.
 *
 * @param uid the real and effective user id
 * @param gid the real and effective group id
 * @param groups the supplementary groups (none when empty)
 */
public record RunAs(int uid, int gid, int[] groups) {
  public RunAs {
    groups = groups.clone();
  }

  @Override
  public int[] groups() {
    return groups.clone();
  }
}
