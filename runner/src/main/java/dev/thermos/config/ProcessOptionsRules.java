package dev.thermos.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the fields beyond Aurora's ({@link ProcessOptions}, a task's {@code env}), checked
 * when a task is loaded and again once it is interpolated (templates may have produced any text).
 */
final class ProcessOptionsRules {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The task's marker ({@code TaskMarker}): the end of the task finds its processes by it. */
  private static final String RESERVED = "THERMOS_TASK";

  private ProcessOptionsRules() {}

  /** {@code what} starts the message ("Task has invalid ..."). */
  static void checkEnv(String what, Map<String, String> env) throws InvalidTaskException {
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidTaskException(what + "env: " + Names.quote(name)
            + " is not a variable name (letters, digits and _, not starting with a digit)");
      }
      if (name.equals(RESERVED)) {
        throw new InvalidTaskException(what + "env: " + RESERVED
            + " is reserved (it marks the task's processes)");
      }
      if (e.getValue().indexOf('\0') >= 0) {
        throw new InvalidTaskException(what + "env." + name + ": contains a NUL character");
      }
    }
  }

  static void checkProcess(String what, ProcessOptions options) throws InvalidTaskException {
    checkEnv(what, options.env());
    String dir = options.workingDir();
    if (dir != null) {
      if (dir.isEmpty() || dir.indexOf('\0') >= 0) {
        throw new InvalidTaskException(what + "working_dir: " + Names.quote(dir)
            + " (must be a directory name)");
      }
      if (!dir.startsWith("/")) {
        for (Path part : Path.of(dir)) {
          if (part.toString().equals("..")) {
            throw new InvalidTaskException(what + "working_dir: " + Names.quote(dir)
                + " (a relative working_dir must stay inside the sandbox: no '..')");
          }
        }
      }
    }
  }
}
