package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, and the commands every tool shares: help, --version, completion. */
class InspectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private String task(String json) throws IOException {
    Path file = dir.resolve("task.json");
    Files.writeString(file, json);
    return file.toString();
  }

  @Test
  void theEvaluatedTaskHasDefaultsBindingsAndPortsLeavingTheRestAsText() throws IOException {
    String file = task("{\"name\": \"hello\", \"processes\": [{\"name\": \"say\", \"cmdline\": "
        + "\"echo {{greeting}} {{thermos.task_id}} {{thermos.ports[http]}} {{thermos.ports[x]}}\"}]}");
    CliRun run = CliRun.of("inspect", "-E", "greeting=hi", "-P", "http:8080", file);
    assertEquals(0, run.exitCode(), run.err());
    JsonNode task = JSON.readTree(run.out());
    JsonNode say = task.get("processes").get(0);
    assertEquals("echo hi {{thermos.task_id}} 8080 {{thermos.ports[x]}}",
        say.get("cmdline").asText());
    assertEquals(1, say.get("max_failures").asInt());
    assertEquals(5, say.get("min_duration").asInt());
    assertEquals(30, task.get("finalization_wait").asInt());
    assertTrue(run.out().startsWith("{\n  \"name\": \"hello\",\n"), run.out());
  }

  @Test
  void anInvalidTaskIsOneLineAndExitSix() throws IOException {
    String file = task("{\"name\": \"x\"}");
    CliRun run = CliRun.of("inspect", file);
    assertEquals(65, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("thermos inspect: " + file), run.err());
    assertEquals("", run.out());
  }

  @Test
  void aMissingFileIsExitThreeAndABadBindingExitTwo() throws IOException {
    assertEquals(3, CliRun.of("inspect", dir.resolve("none.json").toString()).exitCode());
    String file = task("{\"name\": \"a\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"x\"}]}");
    assertEquals(2, CliRun.of("inspect", "-P", "http", file).exitCode());
  }

  @Test
  void helpNamesEveryCommandAndHelpOfACommandShowsItsUsage() {
    CliRun help = CliRun.of("help");
    assertEquals(0, help.exitCode());
    for (String command : new String[] {"run", "read", "status", "tail", "inspect", "completion"}) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
    }
    CliRun status = CliRun.of("help", "status");
    assertEquals(0, status.exitCode());
    assertTrue(status.out().startsWith("Usage: thermos status "), status.out());
    assertTrue(CliRun.of("--version").out().startsWith("thermos "));
  }

  @Test
  void completionPrintsABashScriptThatKnowsTheCommandsAndOptions() {
    CliRun run = CliRun.of("completion");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out());
    assertTrue(run.out().contains("complete -F _complete_thermos"), run.out());
    assertTrue(run.out().contains("--only"), "status options are completed");
    assertTrue(run.out().contains("(\"active\" \"finished\")"), "--only's values too");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "{\"name\": \"t\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"true\"},"
          + " {\"name\": \"b\", \"cmdline\": \"true\"}],"
          + " \"constraints\": [{\"order\": [\"a\", \"b\"]}, {\"order\": [\"b\", \"a\"]}]}",
      "{\"name\": \"t\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"true\"}],"
          + " \"constraints\": [{\"order\": [\"a\", \"x\"]}]}",
      "{\"name\": \"t\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"echo {{nope}}\"}]}",
      "{\"name\": \"t/u\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"true\"}]}",
      "{\"name\": \"t\", \"processes\": [{\"name\": \"{{p}}\", \"cmdline\": \"true\"}]}"})
  void inspectRefusesWhatRunRefusesWithTheSameMessageAndCode(String json) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), json);
    Path root = dir.resolve("root");
    CliRun inspect = CliRun.of("inspect", "-E", "p=..", file.toString());
    CliRun run = CliRun.of("run", "-E", "p=..", "--root", root.toString(), file.toString());
    assertEquals(65, run.exitCode(), run.err());
    assertEquals(65, inspect.exitCode(), inspect.out() + inspect.err());
    assertEquals(run.err().replaceFirst("^thermos run: ", ""),
        inspect.err().replaceFirst("^thermos inspect: ", ""));
    assertFalse(Files.exists(root), "run wrote nothing");
  }
}
