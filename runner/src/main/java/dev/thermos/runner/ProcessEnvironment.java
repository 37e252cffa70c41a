package dev.thermos.runner;

import dev.thermos.supervision.TaskMarker;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private ProcessEnvironment() {}

  static Map<String, String> of(RunnerSettings settings, TaskMarker marker,
      Map<String, String> taskEnv, Map<String, String> processEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(TaskMarker.VARIABLE, marker.value());
    env.put("HOME", settings.sandbox().toString());
    env.put("LOGNAME", settings.user());
    env.put("USER", settings.user());
    String path = System.getenv("PATH");
    env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
    Path profile = settings.sandbox().resolve(PROFILE);
    if (Files.exists(profile)) {
      env.put("BASH_ENV", profile.toString());
    }
    env.putAll(taskEnv);
    env.putAll(processEnv);
    env.put(TaskMarker.VARIABLE, marker.value());
    return env;
  }
}
