package dev.thermos.supervision;

import java.util.Map;

/**
 * Whether thermos uses cgroups at all: {@code THERMOS_CGROUP=off} in the environment of
 * {@code thermos run}, {@code kill} or {@code lose} turns them off (no task cgroup is made, joined,
 * killed or removed; the fallback of groups, sessions, the subreaper and the task marker does all
 * the work). Any other value, or none, leaves them on where the host lets the runner make one.
 * Read once, when the command starts.
 */
public final class CgroupSwitch {
  /** The environment variable. */
  public static final String VARIABLE = "THERMOS_CGROUP";

  private CgroupSwitch() {}

  /** True unless {@code environment} turns cgroups off. */
  public static boolean enabled(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    return value == null || !value.trim().equalsIgnoreCase("off");
  }

  /** {@link #enabled(Map)} for this process's environment. */
  public static boolean enabled() {
    return enabled(System.getenv());
  }
}
