package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process waiting out its restart_backoff says so at status -vv, and its next run starts once
 * the delay has passed (loosely: the runner adds to every wait).
 */
class RestartBackoffIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void statusShowsTheBackoffWaitOfAFailedProcess() throws IOException {
    Path root = dir.resolve("root");
    Path task = dir.resolve("bo.json");
    Files.writeString(task, """
        {"name": "bo", "processes": [{"name": "p", "cmdline": "test -e once || { touch once; exit 1; }",
          "max_failures": 0, "min_duration": 0, "restart_backoff": {"initial": 4, "jitter": 0}}]}""");
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run",
        "--root", root.toString(), "--task_id", "bo", task.toString()));
    Instant deadline = Instant.now().plus(DEADLINE);
    String status = "";
    while (!status.contains("FAILED")) {
      assertTrue(Instant.now().isBefore(deadline), "no failed run: " + status);
      status = CliRun.of("status", "-vv", "--root", root.toString()).out();
    }
    assertTrue(Pattern.compile("- p runs: 1, FAILED, restarting in [1-4]s").matcher(status)
        .find(), status);
    CliRun ended = assertTimeoutPreemptively(DEADLINE, () -> run.join());
    assertEquals(0, ended.exitCode(), ended.err());
    JsonNode runs = new ObjectMapper().readTree(CliRun.of("read", "--json",
        root.resolve("checkpoints/bo/runner").toString()).out()).get("processes").get("p");
    double waited = runs.get(1).get("start_time").asDouble() - runs.get(0).get("stop_time")
        .asDouble();
    assertTrue(waited >= 4 && waited < 30, "waited " + waited + " s before the second run");
  }
}
