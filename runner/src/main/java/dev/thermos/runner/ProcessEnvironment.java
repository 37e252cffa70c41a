package dev.thermos.runner;

import dev.thermos.supervision.TaskMarker;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a user process, as Aurora's: nothing of the runner's but PATH; HOME is the
 * sandbox; USER and LOGNAME the user; BASH_ENV names {@code <sandbox>/.thermos_profile} when it
 * exists, so bash sources it before the command. Added: {@code THERMOS_TASK}, the task's
 * {@link TaskMarker}, by which the end of the task finds the processes it left behind. Then the
 * task's {@code env}, then the process's (each wins over what came before; neither may set the
 * marker).
 */
final class ProcessEnvironment {
  static final String PROFILE = ".thermos_profile";
  private static final String PATH = System.getenv("PATH") != null ? System.getenv("PATH")
      : "/usr/local/bin:/usr/bin:/bin";

  private ProcessEnvironment() {}

  static Map<String, String> of(RunnerSettings settings, TaskMarker marker,
      Map<String, String> taskEnv, Map<String, String> processEnv) {
    return of(settings, marker, taskEnv, processEnv, hasProfile(settings));
  }

  /**
   * Whether the sandbox has a profile now (an earlier process may have written it): java.io.File,
   * which costs no exception when it is missing, unlike Files.exists.
   */
  static boolean hasProfile(RunnerSettings settings) {
    return new File(settings.sandbox().toString(), PROFILE).exists();
  }

  /** As above, {@code profile} saying whether the sandbox has a profile. */
  static Map<String, String> of(RunnerSettings settings, TaskMarker marker,
      Map<String, String> taskEnv, Map<String, String> processEnv, boolean profile) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(TaskMarker.VARIABLE, marker.value());
    env.put("HOME", settings.sandbox().toString());
    env.put("LOGNAME", settings.user());
    env.put("USER", settings.user());
    env.put("PATH", PATH);
    if (profile) {
      env.put("BASH_ENV", new File(settings.sandbox().toString(), PROFILE).getPath());
    }
    env.putAll(taskEnv);
    env.putAll(processEnv);
    env.put(TaskMarker.VARIABLE, marker.value());
    return env;
  }
}
