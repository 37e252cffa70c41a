package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process whose logs go to the console writes through the very descriptor the runner's stdout
 * is (the same open file description): after the runner's own lines in a truncated file, at the
 * end of an appended one, into a socket; never through a read-only one.
 */
class ConsoleOutputIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String HELLO = "hello-from-task";

  @TempDir static Path shared;
  private static ThermosScript thermos;

  @TempDir Path dir;
  private String[] args;

  @BeforeAll
  static void install() throws IOException {
    thermos = ThermosScript.install(shared);
  }

  @BeforeEach
  void writeTask() throws IOException {
    Path task = dir.resolve("task.json");
    Files.writeString(task, "{\"name\": \"console\", \"processes\": [{\"name\": \"hello\","
        + " \"cmdline\": \"echo " + HELLO + "\", \"logger\": {\"destination\": \"console\"}}]}");
    args = new String[] {"run", "--root", dir.resolve("root").toString(), task.toString()};
  }

  @Test
  void aTruncatedFileKeepsTheRunnersFirstLinesAndGetsTheTaskOutputAfterThem() throws Exception {
    assertEquals(0, thermos.run(dir, Map.of(), "> out.log", TIMEOUT, args), shellErr());
    List<String> lines = Files.readAllLines(dir.resolve("out.log"));
    assertTrue(lines.get(0).startsWith("task console-") && lines.get(0).contains("(root "),
        String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("logs: thermos tail "), String.join("\n", lines));
    assertTrue(lines.get(2).endsWith(" task ACTIVE"), String.join("\n", lines));
    assertTrue(lines.indexOf(HELLO) > 2, String.join("\n", lines));
    assertTrue(lines.get(lines.size() - 1).matches("task console-\\S+ SUCCESS"),
        String.join("\n", lines));
  }

  @Test
  void anAppendedFileKeepsWhatItHeld() throws Exception {
    Path log = dir.resolve("old.log");
    String earlier = "earlier line 1\nearlier line 2\n";
    Files.writeString(log, earlier);
    assertEquals(0, thermos.run(dir, Map.of(), ">> old.log", TIMEOUT, args), shellErr());
    String content = Files.readString(log);
    assertTrue(content.startsWith(earlier + "task console-"), content);
    assertTrue(content.contains("\n" + HELLO + "\n"), content);
  }

  @Test
  void outputReachesASocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readAll(server));
      String target = "> /dev/tcp/127.0.0.1/" + server.getLocalPort();
      assertEquals(0, thermos.run(dir, Map.of(), target, TIMEOUT, args), shellErr());
      String content = received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(content.contains("\n" + HELLO + "\n"), content);
      assertTrue(content.contains(" task ACTIVE\n"), content);
    }
  }

  @Test
  void aReadOnlyStdoutIsNeverWrittenThrough() throws Exception {
    // As when the runner's stdout is a file it opened itself for reading (its fd 1 was closed).
    Path canary = dir.resolve("canary");
    String content = "a file the runner only reads\n".repeat(10);
    Files.writeString(canary, content);
    assertEquals(0, thermos.run(dir, Map.of(), "1< canary", TIMEOUT, args), shellErr());
    assertEquals(content, Files.readString(canary));
  }

  private static String readAll(ServerSocket server) {
    try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String shellErr() throws IOException {
    Path err = dir.resolve("shell.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }
}
