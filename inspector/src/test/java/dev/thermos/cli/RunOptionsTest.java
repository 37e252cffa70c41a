package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunOptionsTest {
  @Test
  void portsAreNameColonNumber() {
    assertEquals(Map.of("http", 80, "admin", 0, "max", 65535),
        RunCommand.parsePorts(new String[] {"http:80", "admin:0", "max:65535"}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http:80:90", "http", ":80", "http:", "http:65536", "http:+80",
      "http:-1", "http:8o", "http: 80", "http:123456"})
  void aMalformedPortIsAUsageError(String spec) {
    UsageException e = assertThrows(UsageException.class,
        () -> RunCommand.parsePorts(new String[] {spec}));
    assertTrue(e.getMessage().startsWith("-P " + spec + ": expected NAME:PORT"), e.getMessage());
  }

  @Test
  void aurorasLongSpellingsOfPortsAndBindingsAreAccepted() {
    String[] runArgs = {
        "run", "--port", "http:80", "--environment", "a=b", "-P", "db:5", "task.json"};
    RunCommand r = (RunCommand) parse(runArgs).subcommand().commandSpec().userObject();
    assertEquals(Map.of("http", 80, "db", 5), RunCommand.parsePorts(r.ports));
    assertEquals(Map.of("a", "b"), RunCommand.parseBindings(r.bindings));
    String[] simpleArgs = {
        "simplerun", "--environment", "x=1", "-E", "y=2", "--port", "p:1", "--", "echo", "{{x}}"};
    SimpleRunCommand s = (SimpleRunCommand) parse(simpleArgs).subcommand().commandSpec()
        .userObject();
    assertEquals(Map.of("x", "1", "y", "2"), RunCommand.parseBindings(s.bindings));
    assertEquals(Map.of("p", 1), RunCommand.parsePorts(s.ports));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-x run t.json", "run -x t.json", "run t.json --stacktrace",
      "--stacktrace run t.json"})
  void theStackTraceFlagIsTheRootsWhereverItStands(String line) {
    picocli.CommandLine.ParseResult r = parse(line.split(" "));
    assertTrue(((Main) r.commandSpec().userObject()).stacktrace, line);
  }

  @Test
  void runsOptionsStartFromTheirDefaults() {
    picocli.CommandLine.ParseResult r = parse("run", "t.json");
    RunCommand run = (RunCommand) r.subcommand().commandSpec().userObject();
    assertFalse(((Main) r.commandSpec().userObject()).stacktrace);
    assertEquals(0, run.ports.length);
    assertEquals(0, run.bindings.length);
    assertFalse(run.force);
    assertNull(run.root);
    assertNull(run.sandbox);
    assertNull(run.taskId);
    assertEquals(java.nio.file.Path.of("t.json"), run.task);
    assertTrue(((RunCommand) parse("run", "--force", "--root", "r", "--sandbox", "s",
        "--task_id", "i").subcommand().commandSpec().userObject()).force);
  }

  /** Parses {@code args} with the production command line, without running anything. */
  private static picocli.CommandLine.ParseResult parse(String... args) {
    java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
    return Main.commandLine(none, none, args).parseArgs(args);
  }
}
