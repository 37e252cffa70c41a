package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskRootBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile names and sandboxes are refused by {@code run} and {@code simplerun} before anything is
 * written: one line on stderr, exit 65 for a name (invalid task), 64 for a sandbox (usage), and
 * the root's tree exactly as it was. No process is started: every case fails validation.
 */
class RunInputRulesTest {
  @TempDir Path dir;

  static Stream<String> hostileIds() {
    return Stream.of("../..", "a/b", ".", "..", "", "/tmp/abs", "x\ny", "x\u0000y", "\u001b[2J",
        "x".repeat(251), "é".repeat(126));
  }

  static Stream<String> hostileProcessNames() {
    return Stream.of("x\u0000y", "x\ny", "..", "a/b", "tab\there", "\u0085", "x".repeat(244));
  }

  @ParameterizedTest(name = "run --task_id {index}")
  @MethodSource("hostileIds")
  void runRefusesAHostileTaskId(String id) throws Exception {
    Path task = taskJson("ok", "ok");
    assertRefused(65, "run", "--root", root().toString(), "--task_id", id, task.toString());
  }

  @ParameterizedTest(name = "simplerun --task_id {index}")
  @MethodSource("hostileIds")
  void simplerunRefusesAHostileTaskId(String id) throws Exception {
    assertRefused(65, "simplerun", "--root", root().toString(), "--task_id", id, "true");
  }

  @ParameterizedTest(name = "run process {index}")
  @MethodSource("hostileProcessNames")
  void runRefusesAHostileProcessName(String name) throws Exception {
    Path task = taskJson("t", name);
    assertRefused(65, "run", "--root", root().toString(), "--task_id", "t", task.toString());
  }

  @ParameterizedTest(name = "simplerun --name {index}")
  @MethodSource("hostileProcessNames")
  void simplerunRefusesAHostileName(String name) throws Exception {
    assertRefused(65, "simplerun", "--root", root().toString(), "--task_id", "t", "--name", name,
        "true");
  }

  @Test
  void runRefusesATaskNameWithASlashWhenItMakesTheId() throws Exception {
    Path task = taskJson("a/b", "ok");
    assertRefused(65, "run", "--root", root().toString(), task.toString());
  }

  @Test
  void theFilesystemRootIsNoSandbox() throws Exception {
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox", "/",
        "true");
  }

  @Test
  void theThermosRootIsNoSandbox() throws Exception {
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox",
        root().toString(), "true");
  }

  @Test
  void anAncestorOfTheRootIsNoSandbox() throws Exception {
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox",
        dir.toString(), "true");
  }

  @Test
  void aLinkToTheRootIsNoSandbox() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link"), root());
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox",
        link.toString(), "true");
  }

  @Test
  void theSandboxOfAnotherActiveTaskIsRefused() throws Exception {
    Path theirs = dir.resolve("shared");
    new TaskRootBuilder(root()).task("other", TaskState.ACTIVE, theirs, Instant.now(), 0);
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox",
        theirs.toString(), "true");
    assertRefused(64, "simplerun", "--root", root().toString(), "--task_id", "t", "--sandbox",
        theirs.resolve("inside").toString(), "true");
  }

  private Path root() throws IOException {
    return Files.createDirectories(dir.resolve("root"));
  }

  private Path taskJson(String taskName, String processName) throws IOException {
    String json = "{\"name\": " + jsonString(taskName) + ", \"processes\": [{\"name\": "
        + jsonString(processName) + ", \"cmdline\": \"true\"}]}";
    return Files.writeString(dir.resolve("task.json"), json);
  }

  private void assertRefused(int code, String... args) throws IOException {
    TreeMap<String, Long> before = tree(root());
    CliRun run = CliRun.of(args);
    assertEquals(code, run.exitCode(), run.err());
    String[] lines = run.err().split("\n", -1);
    assertEquals(2, lines.length, "one line on stderr: " + run.err());
    assertTrue(lines[0].startsWith("thermos " + args[0] + ": "), run.err());
    assertFalse(run.err().contains("internal error"), run.err());
    assertEquals(before, tree(root()), "the root's tree changed");
  }

  /** Every path under {@code top} with its size (directories: -1). */
  private static TreeMap<String, Long> tree(Path top) throws IOException {
    TreeMap<String, Long> all = new TreeMap<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(top)) {
      walk.forEach(paths::add);
    }
    for (Path p : paths) {
      all.put(top.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
    }
    return all;
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == '"' || c == '\\' || (c >= 0x7f && c <= 0x9f)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
