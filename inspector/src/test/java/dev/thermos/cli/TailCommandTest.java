package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tail} on the logs Aurora's 2012 runner left (finished tasks: nothing to follow). */
class TailCommandTest {
  @TempDir Path dir;
  private Path root;

  @BeforeEach
  void copyRoot() throws IOException {
    root = Fixtures.copyAurora2012Root(dir);
  }

  private CliRun tail(String... args) {
    List<String> all = new ArrayList<>(List.of("tail", "--root", root.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void theLatestRunOfTheNamedProcessIsShownWithAurorasHeader() {
    CliRun run = tail("failure", "p3");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Tail of terminal log " + root.resolve("logs/failure/p3/2/stdout") + "\n"
        + "p3 pinging\ncurrent count 3\n", run.out());
  }

  @Test
  void aTaskWithOneProcessNeedsNoProcessName() {
    CliRun run = tail("hello_world");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Tail of terminal log " + root.resolve("logs/hello_world/echo/0/stdout") + "\n"
        + "hello world\n", run.out());
  }

  @Test
  void aUniqueRegexPrefixNamesTheTask() {
    assertEquals(tail("hello_world").out(), tail("hel+o").out());
  }

  @Test
  void severalProcessesAreListedAndExitOne() {
    CliRun run = tail("failure");
    assertEquals(1, run.exitCode());
    assertEquals("ERROR: More than one process matches query.\n  p1\n  p2\n  p3\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void anAmbiguousTaskRegexListsTheTasks() {
    CliRun run = tail("fail");
    assertEquals(1, run.exitCode());
    assertEquals("ERROR: More than one task matches query.\n  failure\n  failure_limit\n",
        run.err());
  }

  @Test
  void anExactIdWinsOverLongerIdsItIsAPrefixOf() {
    CliRun run = tail("failure", "p1");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void anUnknownTaskOrProcessIsAnError() {
    CliRun task = tail("nope");
    assertEquals(1, task.exitCode());
    assertEquals("ERROR: Could not find task.\n", task.err());
    CliRun process = tail("failure", "p9");
    assertEquals(1, process.exitCode());
    assertEquals("ERROR: No processes found.\n", process.err());
  }

  @Test
  void linesAndRunSelectWhatIsShown() {
    assertEquals("current count 3\n", body(tail("-n", "1", "failure", "p3")));
    assertEquals("", body(tail("-n", "0", "failure", "p3")));
    CliRun first = tail("--run", "0", "failure", "p3");
    assertTrue(first.out().startsWith("Tail of terminal log "
        + root.resolve("logs/failure/p3/0/stdout")), first.out());
    CliRun missing = tail("--run", "7", "failure", "p3");
    assertEquals(1, missing.exitCode());
    assertEquals("ERROR: No run 7 of process p3.\n", missing.err());
  }

  @Test
  void allMergesEveryProcessWithAPrefix() {
    CliRun run = tail("--all", "-n", "1", "failure");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("p1:current count 1\np2:current count 2\np3:current count 3\n", run.out());
  }

  @Test
  void followingAFinishedTaskPrintsTheTailAndReturns() {
    CliRun run = tail("-f", "ordering", "echo_two");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Tail of terminal log "), run.out());
    CliRun all = tail("-f", "--all", "ordering");
    assertEquals(0, all.exitCode(), all.err());
    assertEquals(3, all.out().lines().filter(l -> l.matches("echo_\\w+:.*")).count(), all.out());
  }

  @Test
  void contradictoryOptionsAreUsageErrors() {
    assertEquals(2, tail("--all", "failure", "p1").exitCode());
    assertEquals(2, tail("-n", "-1", "failure", "p1").exitCode());
    assertEquals(2, tail().exitCode());
    assertEquals(2, tail("--run", "-1", "failure", "p1").exitCode());
  }

  private static String body(CliRun run) {
    assertEquals(0, run.exitCode(), run.err());
    return run.out().substring(run.out().indexOf('\n') + 1);
  }
}
