package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Fixtures;
import dev.thermos.format.Records;
import dev.thermos.gen.ProcessState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private String fixture(String name) throws IOException {
    return Fixtures.copy("checkpoints/" + name + ".ckpt", dir).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello_success", "killed", "ports_unicode", "retry_then_fail", "torn_tail"})
  void jsonIsTheGoldenState(String name) throws IOException {
    CliRun run = CliRun.of("read", "--json", fixture(name));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode expected = JSON.readTree(Fixtures.bytes("checkpoints/" + name + ".state.json"));
    assertEquals(expected, JSON.readTree(run.out()));
    assertEquals(1, run.out().lines().count(), "one JSON object on one line");
  }

  @Test
  void textLayoutIsAuroras() throws IOException {
    CliRun run = CliRun.of("read", fixture("retry_then_fail"));
    assertEquals(0, run.exitCode());
    String out = run.out();
    assertTrue(out.startsWith("Recovered Task Header:\n  id:      flaky-20251124-160000.000000\n"
        + "  user:    root\n  host:    fixture-host\n  sandbox: /var/lib/thermos/sandbox/x\n"
        + "Recovered Task States:\n"), out);
    assertTrue(out.contains("[pid: 1000] => FAILED\nRecovered Processes:\n  flaky   runs: 3\n"), out);
    // newest run first, FAILED runs keep rc and finish time
    int two = out.indexOf("     2: pid=3006, rc=1, finish:");
    int zero = out.indexOf("     0: pid=3002, rc=1, finish:");
    assertTrue(two > 0 && zero > two, out);
    assertTrue(out.contains(", state:FAILED"));
    assertEquals("", run.err());
  }

  @Test
  void portsAreListedWhenPresent() throws IOException {
    CliRun run = CliRun.of("read", fixture("ports_unicode"));
    assertTrue(run.out().contains("  ports:   "), run.out());
    assertTrue(run.out().contains("http->31337"), run.out());
  }

  @Test
  void tornTailWarnsOnStderrAndExitsZero() throws IOException {
    CliRun run = CliRun.of("read", fixture("torn_tail"));
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("=> FINALIZING"));
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("partial record at offset 506"), run.err());
  }

  @Test
  void anInvalidStreamIsOneLineAndExitCodeFour() throws IOException {
    String file = fixture("invalid_transition");
    CliRun run = CliRun.of("read", file);
    assertEquals(4, run.exitCode());
    assertEquals("thermos read: " + file
        + ": invalid record 3 at offset 253: process hello: WAITING -> RUNNING\n", run.err());
  }

  @Test
  void anInvalidStreamInJsonModePrintsTheErrorObject() throws IOException {
    CliRun run = CliRun.of("read", "--json", fixture("invalid_transition"));
    assertEquals(4, run.exitCode());
    JsonNode error = JSON.readTree(run.out());
    assertEquals("process hello: WAITING -> RUNNING", error.get("error").asText());
    assertEquals(253, error.get("offset").asLong());
    assertEquals(3, error.get("record").asLong());
  }

  @Test
  void aCorruptStreamNamesFileOffsetAndReason() throws IOException {
    Path file = dir.resolve("corrupt");
    byte[] good = Fixtures.bytes("checkpoints/hello_success.ckpt");
    good[41 + 4] = 0x0e;  // the header record's union field type: no longer a struct
    Files.write(file, good);
    CliRun run = CliRun.of("read", file.toString());
    assertEquals(4, run.exitCode());
    assertTrue(run.err().startsWith("thermos read: " + file + ": corrupt record 1 at offset 41: "),
        run.err());
    assertEquals(1, run.err().lines().count(), "no stack trace: " + run.err());
  }

  @Test
  void aMissingFileIsExitCodeThree() {
    CliRun run = CliRun.of("read", dir.resolve("nope").toString());
    assertEquals(3, run.exitCode());
    assertEquals("thermos read: " + dir.resolve("nope") + ": no such file\n", run.err());
  }

  @Test
  void aDirectoryIsAUsageError() {
    CliRun run = CliRun.of("read", dir.toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRun.of("read").exitCode());
    assertEquals(2, CliRun.of("read", "a", "b").exitCode());
    assertEquals(2, CliRun.of("read", "--bogus", "a").exitCode());
    assertEquals(2, CliRun.of("nosuchcommand").exitCode());
  }

  @Test
  void simplePrintsOneLinePerRecordWithoutReplaying() throws IOException {
    CliRun run = CliRun.of("read", "--simple", fixture("invalid_transition"));
    assertEquals(0, run.exitCode(), "no replay, so no transition check");
    assertTrue(run.out().lines().allMatch(l -> l.startsWith("CKPT: ")));
    assertTrue(run.out().lines().count() >= 4);
  }

  @Test
  void simpleJsonPrintsOneObjectPerRecordWithItsOffset() throws IOException {
    CliRun run = CliRun.of("read", "--simple", "--json", fixture("hello_success"));
    assertEquals(0, run.exitCode());
    String[] lines = run.out().split("\n");
    assertEquals(0, JSON.readTree(lines[0]).get("offset").asLong());
    assertEquals("ACTIVE", JSON.readTree(lines[0]).get("task_status").get("state").asText());
    assertEquals(41, JSON.readTree(lines[1]).get("offset").asLong());
    assertTrue(JSON.readTree(lines[1]).has("runner_header"));
  }

  @Test
  void simpleJsonIsNewlineDelimitedJsonWithNothingBeforeAnObject() throws IOException {
    CliRun run = CliRun.of("read", "--simple", "--json", fixture("retry_then_fail"));
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.size() > 4, run.out());
    for (String line : lines) {
      assertTrue(line.startsWith("{") && line.endsWith("}"), "not one bare object: [" + line + "]");
      assertTrue(JSON.readTree(line).has("offset"), line);
    }
  }

  @Test
  void aCoordinatorCheckpointReplays() throws IOException {
    Path file = dir.resolve("coordinator.p");
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      writer.append(List.of(Records.forked("p", 1, 10.0, 100), Records.running("p", 2, 10.5, 101),
          Records.ended("p", 3, ProcessState.FAILED, 11.0, 3), Records.forked("p", 5, 12.0, 200),
          Records.running("p", 6, 12.5, 201)));
    }
    CliRun json = CliRun.of("read", "--json", file.toString());
    assertEquals(0, json.exitCode(), json.err());
    JsonNode runs = JSON.readTree(json.out()).get("processes").get("p");
    assertEquals(2, runs.size(), json.out());
    assertEquals("FAILED", runs.get(0).get("state").asText());
    assertEquals(3, runs.get(0).get("return_code").asInt());
    assertEquals("RUNNING", runs.get(1).get("state").asText());
    assertEquals(201, runs.get(1).get("pid").asInt());
    CliRun text = CliRun.of("read", file.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("p   runs: 2"), text.out());
  }

  @Test
  void aurora2012CheckpointsRead() throws IOException {
    Path root = Fixtures.copyAurora2012Root(dir);
    for (String task : Fixtures.AURORA_2012_TASKS) {
      CliRun run = CliRun.of("read",
          root.resolve("checkpoints").resolve(task).resolve("runner").toString());
      assertEquals(0, run.exitCode(), task + ": " + run.err());
      assertFalse(run.out().isEmpty());
    }
  }

  @Test
  void stacktraceFlagIsAccepted() throws IOException {
    CliRun run = CliRun.of("read", "-x", fixture("invalid_transition"));
    assertEquals(4, run.exitCode());
    assertTrue(run.err().contains("at dev.thermos"), "stack trace with -x");
  }
}
