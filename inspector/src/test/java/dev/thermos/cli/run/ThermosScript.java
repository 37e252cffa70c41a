package dev.thermos.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/thermos} as a user runs it, from a shell with the redirections under test, in a home
 * of its own: a copy of the script beside links to the built jar, its libraries and the
 * coordinator (so that the class data sharing archive the script records stays in the test's
 * directory), never rebuilding.
 */
final class ThermosScript {
  private final Path home;

  private ThermosScript(Path home) {
    this.home = home;
  }

  /** Sets up a home under {@code dir} linked to the checkout's build. */
  static ThermosScript install(Path dir) throws IOException {
    Path coordinator = Path.of(System.getProperty("thermos.coordinator")).toRealPath();
    Path checkout = coordinator.getParent().getParent().getParent().getParent();
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("bin"));
    Files.copy(checkout.resolve("bin/thermos"), home.resolve("bin/thermos"));
    Path target = Files.createDirectories(home.resolve("inspector/target"));
    Files.createSymbolicLink(target.resolve("thermos.jar"),
        checkout.resolve("inspector/target/thermos.jar"));
    Files.createSymbolicLink(target.resolve("lib"), checkout.resolve("inspector/target/lib"));
    Path nativeDir = Files.createDirectories(home.resolve("runner/target/native"));
    Files.createSymbolicLink(nativeDir.resolve("thermos-coordinator"), coordinator);
    return new ThermosScript(home);
  }

  Path script() {
    return home.resolve("bin/thermos");
  }

  /**
   * Runs {@code bin/thermos ARGS REDIRECTIONS} under {@code /bin/bash -c} in {@code cwd} (the
   * arguments are quoted; the redirections are shell text, e.g. {@code ">> old.log"}) and returns
   * its exit code; fails after {@code timeout}.
   */
  int run(Path cwd, Map<String, String> env, String redirections, Duration timeout,
      String... args) throws IOException, InterruptedException {
    StringBuilder line = new StringBuilder("exec ").append(quote(script().toString()));
    for (String a : args) {
      line.append(' ').append(quote(a));
    }
    line.append(' ').append(redirections);
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", line.toString())
        .directory(cwd.toFile())
        .redirectOutput(cwd.resolve("shell.out").toFile())
        .redirectError(cwd.resolve("shell.err").toFile());
    builder.environment().put("THERMOS_NO_REBUILD", "1");
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/thermos did not end within " + timeout);
    }
    return p.exitValue();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
