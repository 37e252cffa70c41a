package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.Fixtures;
import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path root;

  @BeforeEach
  void copyRoot() throws IOException {
    root = Fixtures.copyAurora2012Root(dir);
  }

  private CliRun status(String... args) {
    List<String> all = new ArrayList<>(List.of("status", "--root", root.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private Map<String, JsonNode> jsonByTask(CliRun run) throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    Map<String, JsonNode> byTask = new TreeMap<>();
    for (JsonNode task : JSON.readTree(run.out())) {
      byTask.put(task.get("task_id").asText(), task);
    }
    return byTask;
  }

  @Test
  void theAurora2012RootHasSixFinishedTasksAndOneActive() {
    CliRun run = status();
    assertEquals(0, run.exitCode(), run.err());
    String owner = StatusCommand.owner(root.resolve("checkpoints/hello_world/runner"));
    String expected = "Active tasks:\n"
        + String.format("  %-20s [owner: %8s]%n", "sleep60-lost", owner) + "\n"
        + "Finished tasks:\n"
        + Stream.of("failure", "failure_limit", "hello_world", "ordering", "ports", "sleep60")
            .map(t -> String.format("  %-20s [owner: %8s]%n", t, owner))
            .reduce("", String::concat)
        + "\n";
    assertEquals(expected, run.out());
    assertEquals("", run.err());
  }

  @Test
  void verbosityOneShowsAurorasTaskStatesAndStartTimes() {
    String out = status("-v").out();
    assertTrue(out.matches("(?s).*  failure_limit +\\[owner: +\\S+\\]  state:   FAILED start: "
        + " \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d 2012\n.*"), out);
    assertTrue(out.contains("]  state:   KILLED start:"), out);
    assertTrue(out.matches("(?s).*  sleep60 +\\[owner: +\\S+\\]  state:   KILLED.*"), out);
    assertTrue(out.matches("(?s).*  sleep60-lost +\\[owner: +\\S+\\]  state:   ACTIVE.*"), out);
    assertTrue(out.matches("(?s).*  hello_world +\\[owner: +\\S+\\]  state:  SUCCESS.*"), out);
    assertFalse(out.contains("user:"), out);
  }

  @Test
  void verbosityTwoAddsUserPortsAndSandbox() {
    String out = status("-vv", "ports").out();
    assertTrue(out.contains("\n    user: wickman ports: hello -> 50000 world -> 50001\n"
        + "    sandbox: /tmp/thermos.kfezsG/sandbox\n"), out);
    assertFalse(out.contains("process table"), out);
    assertTrue(status("-vv", "hello").out().contains("    user: wickman ports: None\n"));
  }

  @Test
  void verbosityThreeAddsTheProcessTableWithLastRuns() {
    String out = status("-vvv", "failure").out();
    assertTrue(out.contains("    process table:\n      - p2 runs: 2 last: pid=43507, rc=0, finish:"),
        out);
    assertTrue(out.contains("      - p3 runs: 3 last: pid=43522, rc=0, finish:"), out);
    // Unlike Aurora, a FAILED run keeps its return code
    assertTrue(out.matches("(?s).*      - b runs: 1 last: pid=43533, rc=1, finish:\\w{3} .*"
        + "state:FAILED\n\n.*"), out);
    assertEquals(out, status("--verbosity", "3", "failure").out(), "Aurora's --verbosity N");
  }

  @Test
  void jsonHasOneObjectPerTaskWithStateRunsAndLastRun() throws IOException {
    CliRun run = status("--json");
    Map<String, JsonNode> tasks = jsonByTask(run);
    assertEquals(Fixtures.AURORA_2012_TASKS, List.copyOf(tasks.keySet()));
    assertEquals(9, run.out().lines().count(), "[, one line per task, ]");
    JsonNode lost = tasks.get("sleep60-lost");
    assertEquals("ACTIVE", lost.get("state").asText());
    assertTrue(lost.get("active").asBoolean());
    assertEquals("FAILED", tasks.get("failure_limit").get("state").asText());
    assertEquals("KILLED", tasks.get("sleep60").get("state").asText());
    JsonNode ports = tasks.get("ports");
    assertFalse(ports.get("active").asBoolean());
    assertEquals(1337098152741L, ports.get("launch_time_ms").asLong());
    assertEquals("wickman", ports.get("user").asText());
    assertEquals(JSON.readTree("{\"hello\": 50000, \"world\": 50001}"), ports.get("ports"));
    assertEquals("/tmp/thermos.kfezsG/sandbox", ports.get("sandbox").asText());
    JsonNode p3 = tasks.get("failure").get("processes").get("p3");
    assertEquals(3, p3.get("runs").asInt());
    assertEquals(JSON.readTree("{\"coordinator_pid\":43521,\"fork_time\":1337097953.605787,"
        + "\"pid\":43522,\"process\":\"p3\",\"return_code\":0,\"seq\":11,"
        + "\"start_time\":1337097953.618775,\"state\":\"SUCCESS\","
        + "\"stop_time\":1337097953.654729}"), p3.get("last"));
    assertFalse(tasks.values().stream().anyMatch(t -> t.has("error") || t.has("torn_at")));
  }

  @Test
  void onlySelectsActiveOrFinishedTasks() throws IOException {
    assertEquals(List.of("sleep60-lost"), List.copyOf(jsonByTask(status("--json", "--only",
        "active")).keySet()));
    assertEquals(6, jsonByTask(status("--json", "--only", "finished")).size());
    String active = status("--only", "active").out();
    assertTrue(active.startsWith("Active tasks:\n") && !active.contains("Finished"), active);
  }

  @Test
  void regexesMatchTaskIdsFromTheStart() throws IOException {
    assertEquals(List.of("sleep60", "sleep60-lost"),
        List.copyOf(jsonByTask(status("--json", "sle+p")).keySet()));
    assertEquals(List.of("hello_world", "ports"),
        List.copyOf(jsonByTask(status("--json", "hello", "po")).keySet()));
    CliRun none = status("60");
    assertEquals(1, none.exitCode());
    assertEquals("No tasks found.\n", none.out());
    CliRun noneJson = status("--json", "60");
    assertEquals(1, noneJson.exitCode());
    assertEquals(JSON.createArrayNode(), JSON.readTree(noneJson.out()));
  }

  @Test
  void anEmptyRootHasNoTasks() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    CliRun run = CliRun.of("status", "--root", empty.toString());
    assertEquals(1, run.exitCode());
    assertEquals("No tasks found.\n", run.out());
    CliRun json = CliRun.of("status", "--json", "--root", empty.toString());
    assertEquals(1, json.exitCode());
    assertEquals(JSON.createArrayNode(), JSON.readTree(json.out()));
  }

  @Test
  void aMissingRootIsSaidToBeMissing() {
    String missing = dir.resolve("nothing").toString();
    for (String[] args : List.of(new String[] {"status", "--root", missing},
        new String[] {"status", "--json", "--root", missing})) {
      CliRun run = CliRun.of(args);
      assertEquals(3, run.exitCode(), run.err());
      assertEquals("", run.out());
      assertEquals("thermos status: " + missing + ": the root does not exist\n", run.err());
    }
  }

  @Test
  void aDeadRunnerIsSaidToBeDeadWithTheCommandThatResumesIt() throws IOException {
    JsonNode task = jsonByTask(status("--json", "--only", "active")).get("sleep60-lost");
    assertEquals("dead", task.get("runner").asText());
    assertFalse(task.has("runner_pid"));
    String text = status("-v", "--only", "active").out();
    assertTrue(text.contains(" runner: dead\n    resume: thermos run --root " + root
        + " --task_id sleep60-lost\n"), text);
    assertFalse(jsonByTask(status("--json", "--only", "finished")).get("ports").has("runner"),
        "a finished task has no runner");
  }

  @Test
  void aHeldCheckpointLockMeansALiveRunnerWithItsPid() throws IOException {
    int fd = FileLocks.openLocked(root.resolve("checkpoints/sleep60-lost/runner"), LibC.O_RDONLY, 0);
    try {
      JsonNode task = jsonByTask(status("--json", "--only", "active")).get("sleep60-lost");
      assertEquals("alive", task.get("runner").asText());
      assertEquals(LibC.getpid(), task.get("runner_pid").asInt());
      String text = status("-v", "--only", "active").out();
      assertTrue(text.contains(" runner: alive (pid " + LibC.getpid() + ")\n"), text);
      assertFalse(text.contains("resume:"), text);
    } finally {
      LibC.close(fd);
    }
  }

  @Test
  void columnsStayAlignedWithLongIdsAndLongStates() throws IOException {
    String longId = "a-task-id-much-longer-than-twenty-characters";
    Files.copy(root.resolve("tasks/finished/ports"), root.resolve("tasks/finished").resolve(longId));
    Files.createDirectories(root.resolve("checkpoints").resolve(longId));
    Files.copy(root.resolve("checkpoints/ports/runner"),
        root.resolve("checkpoints").resolve(longId).resolve("runner"));
    List<String> lines = status("-v", "--only", "finished").out().lines()
        .filter(l -> l.startsWith("  ")).toList();
    assertEquals(7, lines.size(), lines.toString());
    assertEquals(1, lines.stream().map(l -> l.indexOf("[owner:")).distinct().count(), lines.toString());
    assertEquals(1, lines.stream().map(l -> l.indexOf(" start:")).distinct().count(), lines.toString());
  }

  @Test
  void anInvalidRegexIsAUsageError() {
    CliRun run = status("(");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("thermos status: invalid regex '('"), run.err());
  }

  @Test
  void aCorruptStreamIsListedWithItsErrorNotDropped() throws IOException {
    Path runner = root.resolve("checkpoints/hello_world/runner");
    byte[] bytes = Files.readAllBytes(runner);
    bytes[bytes.length - 60] = (byte) 0x7f; // inside the last records: a length or a payload
    bytes[bytes.length - 59] = (byte) 0x7f;
    Files.write(runner, bytes);
    CliRun text = status("-v", "hello");
    assertEquals(0, text.exitCode());
    assertTrue(text.out().matches("(?s)Finished tasks:\n  hello_world +\\[owner: +\\S+\\] - "
        + "checkpoint stream CORRUPT: (corrupt|invalid) record \\d+ at offset \\d+: .+\n\n"),
        text.out());
    JsonNode json = jsonByTask(status("--json", "hello")).get("hello_world");
    assertTrue(json.get("error").asText().matches("(corrupt|invalid) record \\d+ at offset \\d+: .+"),
        json.toString());
    assertEquals("/tmp/thermos.kfezsG/sandbox", json.get("sandbox").asText(),
        "the records before the bad one still count");
  }

  @Test
  void aTaskWithoutItsRunnerCheckpointIsListedWithAnError() throws IOException {
    Files.delete(root.resolve("checkpoints/ports/runner"));
    assertTrue(status("-v", "ports").out().contains("[owner:        ?] - checkpoint stream "
        + "CORRUPT: no runner checkpoint\n"));
    assertEquals("no runner checkpoint",
        jsonByTask(status("--json", "ports")).get("ports").get("error").asText());
  }

  @Test
  void aTornTailIsNotCorruption() throws IOException {
    Path runner = root.resolve("checkpoints/hello_world/runner");
    long size = Files.size(runner);
    Files.write(runner, new byte[] {0, 0, 0, 40, 12, 0}, StandardOpenOption.APPEND);
    JsonNode json = jsonByTask(status("--json", "hello")).get("hello_world");
    assertEquals("SUCCESS", json.get("state").asText());
    assertEquals(size, json.get("torn_at").asLong());
    assertFalse(json.has("error"));
    assertTrue(status("-v", "hello").out().contains("state:  SUCCESS"));
  }

  @Test
  void statusNeverWritesUnderTheRoot() throws IOException {
    Map<Path, String> before = snapshot();
    status("-vvv");
    status("--json");
    assertEquals(before, snapshot());
  }

  private Map<Path, String> snapshot() throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        files.put(p, Files.getLastModifiedTime(p) + " "
            + (Files.isRegularFile(p) ? java.util.Arrays.hashCode(Files.readAllBytes(p)) : "dir"));
      }
    }
    return files;
  }

  /** The side files a runner with max_runtime and health checks writes, for task "failure_limit". */
  private void writeSideFiles() throws IOException {
    Path dir = root.resolve("checkpoints/failure_limit");
    Files.writeString(dir.resolve("stops.jsonl"), "{\"process\": \"b\", \"run\": 0, \"reason\":"
        + " \"timeout\", \"step\": 0, \"signal\": \"TERM\", \"at\": 1337097953.5}\n"
        + "{\"process\": \"a\", \"run\": 0, \"reas");  // a torn last line: skipped
    Files.writeString(root.resolve("checkpoints/sleep60-lost/health.json"), "{\"sleep\": {\"run\":"
        + " 0, \"health\": \"healthy\", \"failures\": 0, \"checked\": 1337097953.7, \"detail\":"
        + " \"exit 0\"}}");
    Files.writeString(dir.resolve("health.json"), "{\"a\": {\"run\": 0, \"health\": \"healthy\","
        + " \"failures\": 0, \"checked\": 1337097953.7, \"detail\": \"exit 0\"},"
        + " \"b\": {\"run\": 4, \"health\": \"unhealthy\", \"failures\": 3, \"checked\": 1,"
        + " \"detail\": \"stale: b has no such run\"}}");
  }

  @Test
  void timedOutRunsAndHealthShowAtVerbosityTwoAndThreeAndInJson() throws IOException {
    writeSideFiles();
    String two = status("-vv", "failure_limit").out();
    assertTrue(two.contains("      - b runs: 1, FAILED (timed out)\n"), two);
    assertTrue(two.contains("      - a runs: 1, SUCCESS\n"), "an ended run has no health: " + two);
    String live = status("-vv", "sleep60-lost").out();
    assertTrue(live.contains("      - sleep runs: 1, RUNNING, up "), live);
    assertTrue(live.contains(", healthy\n"), live);
    String three = status("-vvv", "failure_limit").out();
    assertTrue(three.matches("(?s).*      - b runs: 1 last: .*state:FAILED \\(timed out\\)\n.*"),
        three);
    JsonNode task = jsonByTask(status("--json", "failure_limit")).get("failure_limit");
    assertEquals("timeout", task.at("/processes/b/last/stop_reason").asText(), task.toString());
    assertFalse(task.at("/processes/a").has("health"), "ended: " + task);
    assertEquals("healthy", jsonByTask(status("--json", "sleep60-lost")).get("sleep60-lost")
        .at("/processes/sleep/health/health").asText());
    assertFalse(task.at("/processes/b").has("health"), "stale: " + task);
    assertFalse(task.at("/processes/a/last").has("stop_reason"), "torn line: " + task);
  }

  @Test
  void readShowsTimedOutRunsAndHealthBesideARunnerCheckpoint() throws IOException {
    writeSideFiles();
    String runner = root.resolve("checkpoints/failure_limit/runner").toString();
    CliRun text = CliRun.of("read", runner);
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().matches("(?s).*\n     0: pid=\\d+, rc=1, finish:[^\n]*state:FAILED"
        + " \\(timed out\\)\n.*"), text.out());
    assertTrue(text.out().contains("  a   runs: 1\n"), text.out());
    CliRun live = CliRun.of("read", root.resolve("checkpoints/sleep60-lost/runner").toString());
    assertTrue(live.out().contains("  sleep   runs: 1, healthy\n"), live.out());
    JsonNode json = JSON.readTree(CliRun.of("read", "--json", runner).out());
    assertEquals("timeout", json.at("/processes/b/0/stop_reason").asText(), json.toString());
    assertFalse(json.has("health"), json.toString());
    JsonNode liveJson = JSON.readTree(CliRun.of("read", "--json",
        root.resolve("checkpoints/sleep60-lost/runner").toString()).out());
    assertEquals("healthy", liveJson.at("/health/sleep/health").asText(), liveJson.toString());
  }

  @Test
  void aLinkedOrBrokenHealthFileIsIgnoredNotFollowed() throws IOException {
    Path dir = root.resolve("checkpoints/sleep60-lost");
    Path elsewhere = Files.writeString(dir.resolveSibling("elsewhere.json"),
        "{\"sleep\": {\"run\": 0, \"health\": \"healthy\"}}");
    Files.createSymbolicLink(dir.resolve("health.json"), elsewhere);
    CliRun run = status("-vv", "sleep60-lost");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("      - sleep runs: 1, RUNNING, up ") && !run.out().contains("healthy"), run.out());
    Files.delete(dir.resolve("health.json"));
    Files.writeString(dir.resolve("health.json"), "{not json");
    run = status("-vv", "sleep60-lost");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("      - sleep runs: 1, RUNNING, up ") && !run.out().contains("healthy"), run.out());
  }
}
