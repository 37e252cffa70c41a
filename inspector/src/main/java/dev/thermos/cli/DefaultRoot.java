package dev.thermos.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoint root when {@code --root} is not given: {@code $THERMOS_ROOT}, else
 * {@code /var/run/thermos} when it exists and is writable (or can be created), else
 * {@code ~/.thermos}, so that a user without root privileges can run tasks.
 */
final class DefaultRoot {
  static final Path SYSTEM = Path.of("/var/run/thermos");

  private DefaultRoot() {}

  static Path resolve() {
    String env = System.getenv("THERMOS_ROOT");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    if (Files.isDirectory(SYSTEM) ? Files.isWritable(SYSTEM) : Files.isWritable(SYSTEM.getParent())) {
      return SYSTEM;
    }
    return Path.of(System.getProperty("user.home"), ".thermos");
  }
}
