package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} and {@code tail} on what our runner writes, while and after it runs. */
class TailIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Path root() {
    return dir.resolve("root");
  }

  private Path sandbox() {
    return dir.resolve("sandbox");
  }

  private CompletableFuture<CliRun> runInBackground(String taskId, String taskJson)
      throws IOException {
    Path task = dir.resolve(taskId + ".json");
    Files.writeString(task, taskJson);
    return CompletableFuture.supplyAsync(() -> CliRun.of("run", "--root", root().toString(),
        "--sandbox", sandbox().toString(), "--task_id", taskId, task.toString()));
  }

  /** Starts {@code tail -f ...} and returns once it has printed its first line (the header). */
  private CompletableFuture<CliRun> tailInBackground(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "tail";
    all[1] = "--root";
    all[2] = root().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    StringWriter out = new StringWriter(); // synchronized: safe to read while the tail writes
    StringWriter err = new StringWriter();
    CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(() -> new CliRun(
        Main.execute(new PrintWriter(out), new PrintWriter(err), all),
        out.toString(), err.toString()));
    await("the tail's first line", () -> out.toString().contains("\n") || tail.isDone());
    return tail;
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private boolean logContains(String process, int run, String text) {
    try {
      Path log = sandbox().resolve(".logs").resolve(process).resolve(Integer.toString(run))
          .resolve("stdout");
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private void go() throws IOException {
    Files.writeString(sandbox().resolve("go"), "");
  }

  @Test
  void statusAndTailShowAFinishedRealRun() throws IOException {
    CliRun run = assertTimeoutPreemptively(DEADLINE, () -> runInBackground("done",
        "{\"name\": \"t\", \"processes\": [{\"name\": \"count\", \"cmdline\": "
            + "\"for i in $(seq 1 30); do echo line $i; done\"}]}").join());
    assertEquals(0, run.exitCode(), run.err());
    CliRun status = CliRun.of("status", "--json", "--root", root().toString());
    JsonNode task = JSON.readTree(status.out()).get(0);
    assertEquals("done", task.get("task_id").asText());
    assertEquals("SUCCESS", task.get("state").asText());
    assertEquals(sandbox().toString(), task.get("sandbox").asText());
    assertEquals("SUCCESS", task.get("processes").get("count").get("last").get("state").asText());
    assertTrue(CliRun.of("status", "-vvv", "--root", root().toString()).out()
        .contains("      - count runs: 1 last: pid="));
    CliRun tail = CliRun.of("tail", "--root", root().toString(), "-n", "3", "done");
    assertEquals("Tail of terminal log " + sandbox().resolve(".logs/count/0/stdout") + "\n"
        + "line 28\nline 29\nline 30\n", tail.out());
  }

  @Test
  void followingALiveProcessStopsWhenItsRunEnds() throws IOException {
    CompletableFuture<CliRun> runner = runInBackground("live", "{\"name\": \"t\", \"processes\": "
        + "[{\"name\": \"p\", \"cmdline\": \"echo before; while [ ! -e go ]; do sleep 0.02; done;"
        + " echo after; printf no-newline\"}]}");
    await("the first line", () -> logContains("p", 0, "before"));
    CompletableFuture<CliRun> tail = tailInBackground("-f", "live", "p");
    CliRun status = CliRun.of("status", "--json", "--root", root().toString(), "live");
    assertEquals("RUNNING",
        JSON.readTree(status.out()).get(0).get("processes").get("p").get("last").get("state")
            .asText(), status.out());
    go();
    CliRun followed = assertTimeoutPreemptively(DEADLINE, () -> tail.join());
    assertEquals(0, followed.exitCode(), followed.err());
    assertEquals("Tail of active log " + sandbox().resolve(".logs/p/0/stdout") + "\n"
        + "before\nafter\nno-newline\n", followed.out());
    assertEquals(0, assertTimeoutPreemptively(DEADLINE, () -> runner.join()).exitCode());
  }

  @Test
  void followingAProcessThatHasNotStartedWaitsForItsFirstRun() throws IOException {
    CompletableFuture<CliRun> runner = runInBackground("later", "{\"name\": \"t\", "
        + "\"processes\": [{\"name\": \"first\", \"cmdline\": \"echo a1; while [ ! -e go ]; do "
        + "sleep 0.02; done\"}, {\"name\": \"second\", \"cmdline\": \"echo b1; echo b2\"}], "
        + "\"constraints\": [{\"order\": [\"first\", \"second\"]}]}");
    await("the first process", () -> logContains("first", 0, "a1"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(() -> new CliRun(
        Main.execute(new PrintWriter(out), new PrintWriter(err),
            "tail", "--root", root().toString(), "-f", "later", "second"),
        out.toString(), err.toString()));
    await("the tail waiting", () -> err.toString().contains("Waiting for second to start")
        || tail.isDone());
    assertTrue(out.toString().isEmpty(), "nothing of second before it ran: " + out);
    go();
    CliRun followed = assertTimeoutPreemptively(DEADLINE, () -> tail.join());
    assertEquals(0, followed.exitCode(), followed.err());
    assertEquals("Tail of active log " + sandbox().resolve(".logs/second/0/stdout") + "\n"
        + "b1\nb2\n", followed.out());
    assertEquals(0, assertTimeoutPreemptively(DEADLINE, () -> runner.join()).exitCode());
    CliRun unknown = CliRun.of("tail", "--root", root().toString(), "-f", "later", "nosuch");
    assertEquals(1, unknown.exitCode());
    assertEquals("ERROR: No processes found.\n", unknown.err());
  }

  @Test
  void allFollowsEveryProcessIncludingOnesThatStartLater() throws IOException {
    CompletableFuture<CliRun> runner = runInBackground("merged", "{\"name\": \"t\", "
        + "\"processes\": [{\"name\": \"first\", \"cmdline\": \"echo a1; while [ ! -e go ]; do "
        + "sleep 0.02; done; echo a2\"}, {\"name\": \"second\", \"cmdline\": \"echo b1\"}], "
        + "\"constraints\": [{\"order\": [\"first\", \"second\"]}]}");
    await("the first process", () -> logContains("first", 0, "a1"));
    CompletableFuture<CliRun> tail = tailInBackground("-f", "--all", "merged");
    go();
    CliRun followed = assertTimeoutPreemptively(DEADLINE, () -> tail.join());
    assertEquals(0, followed.exitCode(), followed.err());
    // Each process's lines in order; how the two interleave depends on when the tail polls.
    List<String> lines = followed.out().lines().toList();
    assertEquals(List.of("first:a1", "first:a2"),
        lines.stream().filter(l -> l.startsWith("first:")).toList(), followed.out());
    assertEquals(List.of("second:b1"),
        lines.stream().filter(l -> l.startsWith("second:")).toList(), followed.out());
    assertEquals(3, lines.size(), followed.out());
    assertEquals(0, assertTimeoutPreemptively(DEADLINE, () -> runner.join()).exitCode());
  }

  /**
   * Two processes that write in turn (each waits for the other's line before its next): the merged
   * tail gives their lines in the order written, even though the one written first belongs to the
   * process whose name sorts last.
   */
  @Test
  void allMergesProcessesInTheOrderTheirLinesWereWritten() throws IOException {
    String wait = "while [ ! -e %s ]; do sleep 0.01; done; sleep 0.3; ";
    CompletableFuture<CliRun> runner = runInBackground("turns", "{\"name\": \"t\", "
        + "\"processes\": [{\"name\": \"zeta\", \"cmdline\": \"echo z0; "
        + wait.formatted("go") + "echo z1; touch z1; " + wait.formatted("a1") + "echo z2; touch z2\"},"
        + " {\"name\": \"alpha\", \"cmdline\": \"" + wait.formatted("z1") + "echo a1; touch a1; "
        + wait.formatted("z2") + "echo a2\"}]}");
    await("the first line", () -> logContains("zeta", 0, "z0"));
    CompletableFuture<CliRun> tail = tailInBackground("-f", "--all", "turns");
    go();
    CliRun followed = assertTimeoutPreemptively(DEADLINE, () -> tail.join());
    assertEquals(0, followed.exitCode(), followed.err());
    assertEquals("zeta:z0\nzeta:z1\nalpha:a1\nzeta:z2\nalpha:a2\n", followed.out());
    assertEquals(0, assertTimeoutPreemptively(DEADLINE, () -> runner.join()).exitCode());
  }

  @Test
  void followingADaemonContinuesIntoItsNextRuns() throws IOException {
    CompletableFuture<CliRun> runner = runInBackground("daemon", "{\"name\": \"t\", "
        + "\"processes\": [{\"name\": \"d\", \"daemon\": true, \"max_failures\": 3, "
        + "\"min_duration\": 0, \"cmdline\": \"n=$(ls | grep -c '^ran'); touch ran.$n; "
        + "echo run $n; while [ ! -e go ]; do sleep 0.02; done; exit 1\"}]}");
    await("the first run", () -> logContains("d", 0, "run 0"));
    CompletableFuture<CliRun> tail = tailInBackground("-f", "daemon", "d");
    go();
    CliRun followed = assertTimeoutPreemptively(DEADLINE, () -> tail.join());
    assertEquals(0, followed.exitCode(), followed.err());
    Path logs = sandbox().resolve(".logs/d");
    assertEquals(List.of(
        "Tail of active log " + logs.resolve("0/stdout"), "run 0",
        "Tail of active log " + logs.resolve("1/stdout"), "run 1",
        "Tail of active log " + logs.resolve("2/stdout"), "run 2"),
        followed.out().lines().toList());
    assertEquals(1, assertTimeoutPreemptively(DEADLINE, () -> runner.join()).exitCode(),
        "the task FAILED after max_failures");
  }
}
