package dev.thermos.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/thermos observe} as an operator starts it: its own JVM, the flags, its messages. */
class ObserveCommandIT {
  private static final Path THERMOS = Path.of(System.getProperty("user.dir")).getParent()
      .resolve("bin/thermos");
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;
  private Process observer;

  private ProcessBuilder thermos(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(THERMOS.toString(), "observe"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("THERMOS_NO_REBUILD", "1"); // the jars were just built by Maven
    return pb;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (observer != null && observer.isAlive()) {
      observer.destroy();
      if (!observer.waitFor(20, TimeUnit.SECONDS)) {
        observer.destroyForcibly();
      }
    }
  }

  @Test
  void theObserverStartsWithEveryFlagAndServesTheRoots() throws Exception {
    Path root = dir.resolve("root");
    Path other = dir.resolve("other");
    Files.createDirectories(root.resolve("tasks/finished"));
    Files.createDirectories(other);
    Files.writeString(root.resolve("tasks/finished/t1"), "{\"name\": \"t\"}");
    observer = thermos("--root", root.toString(), "--root", other.toString(), "--bind",
        "127.0.0.1", "--port", "0", "--history", dir.resolve("hist").toString(),
        "--history-retention", "2h").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(
        new InputStreamReader(observer.getErrorStream(), StandardCharsets.UTF_8));
    String line = err.readLine();
    Matcher m = line == null ? null : SERVING.matcher(line);
    assertTrue(m != null && m.find(), "the first line says where it serves: " + line);
    Http http = new Http(Integer.parseInt(m.group(1)));
    assertEquals("OK", http.get("/health").text());
    Files.createDirectories(other.resolve("tasks/active"));
    Files.writeString(other.resolve("tasks/active/t2"), "{\"name\": \"t\"}");
    dev.thermos.observer.watch.Await.until("both roots' tasks", java.time.Duration.ofSeconds(20),
        () -> probe(http).contains("\"all\":2"), () -> probe(http));
    assertEquals("{\"active\":1,\"finished\":1,\"all\":2}", probe(http));
  }

  private static String probe(Http http) {
    try {
      return http.get("/j/task_id_count").text();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  private static void assertUsageError(ProcessBuilder pb, String expected) throws Exception {
    Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(64, p.exitValue(), err);
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("thermos observe: ") && err.contains(expected), err);
  }

  @Test
  void usageErrorsAreOneLineAndExit64() throws Exception {
    assertUsageError(thermos("--root", dir.toString(), "--history-retention", "7x"), "7x");
    assertUsageError(thermos("--root", dir.resolve("missing").toString()), "not a directory");
    assertUsageError(thermos("--root", dir.toString(), "--port", "70000"), "not a port");
    assertUsageError(thermos("--bogus"), "--bogus");
  }
}
