package dev.thermos.format;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts a test class's main in a new JVM on the test class path and waits for a line. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Waits until the child prints {@code line}; fails after {@code timeout}. */
  static void awaitLine(Process p, String line, Duration timeout) throws Exception {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
      try {
        for (String l = reader.readLine(); l != null; l = reader.readLine()) {
          if (l.equals(line)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    if (!seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child exited before printing '" + line + "'");
    }
  }
}
