package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.TaskSideFiles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code health_check} and {@code depends_on} "healthy" with real processes: a run whose checks
 * keep failing is stopped and ends FAILED (a daemon runs again), a dependent starts only once a
 * run of what it waits for passed its check, and the health is on disk for the readers.
 */
class HealthCheckIT {
  @TempDir Path root;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private TaskSideFiles side(String taskId) {
    return TaskSideFiles.read(new TaskPaths(root).checkpointDirectory(taskId));
  }

  @Test
  void aDaemonFailingItsChecksIsStoppedAsFailedAndRunAgainUntilHealthy() throws Exception {
    TaskResult r = new TaskHarness(root, "flappy").run("""
        {"name": "flappy", "processes": [
          {"name": "svc", "daemon": true, "ephemeral": true, "max_failures": 0, "min_duration": 0,
           "cmdline": "echo run >> runs; exec sleep 30",
           "health_check": {"cmdline": "[ $(wc -l < runs) -ge 2 ]", "interval": 0.2,
                            "failures": 2}},
          {"name": "main", "depends_on": {"svc": "healthy"},
           "cmdline": "wc -l < runs > runs.seen"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    List<ProcessStatus> svc = r.runs("svc");
    assertEquals(ProcessState.FAILED, svc.get(0).getState(), r.sequence());
    assertEquals(-15, svc.get(0).getReturnCode(), "stopped by its default SIGTERM");
    assertEquals("unhealthy", side("flappy").stopReason("svc", 0));
    assertEquals("2\n", Files.readString(r.sandboxFile("runs.seen")),
        "main ran only once the second run of svc was healthy");
    ProcessStatus main = r.runs("main").get(0);
    assertTrue(main.getStartTime() > svc.get(1).getStartTime(), r.sequence());
    TaskSideFiles.Health health = side("flappy").health().get("svc");
    assertEquals(1, health.run(), health.toString());
    assertEquals("healthy", health.health(), health.toString());
  }

  @Test
  void aWebServerStartsOnlyOnceTheDatabaseAcceptsConnections() throws Exception {
    int db = freePort();
    TaskResult r = new TaskHarness(root, "stack").ports(Map.of("db", db)).run("""
        {"name": "stack", "processes": [
          {"name": "db", "daemon": true, "ephemeral": true,
           "cmdline": "sleep 0.5; exec perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => \\"127.0.0.1:{{thermos.ports[db]}}\\", Listen => 5, ReuseAddr => 1) or die; while ($c = $s->accept) { close $c }'",
           "health_check": {"tcp": "127.0.0.1:{{thermos.ports[db]}}", "interval": 0.1,
                            "failures": 50}},
          {"name": "web", "depends_on": {"db": "healthy"},
           "cmdline": "exec 3<>/dev/tcp/127.0.0.1/{{thermos.ports[db]}} && echo connected"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("connected\n", r.stdout("web", 0));
    assertEquals(1, r.runs("db").size(), "never unhealthy: " + r.sequence());
    assertTrue(r.runs("web").get(0).getStartTime() >= r.runs("db").get(0).getStartTime() + 0.5,
        "web started before db could listen: " + r.sequence());
  }

  @Test
  void aRunsFailedChecksAreNotCountedForTheNextRun() throws Exception {
    // Each run lives 0.4 s: two or three failed checks (at 0.1, 0.3, perhaps 0.5 s), never four.
    // Counted across runs, the second would reach four and be stopped as unhealthy.
    TaskResult r = new TaskHarness(root, "short").run("""
        {"name": "short", "processes": [
          {"name": "p", "max_failures": 3, "min_duration": 0,
           "cmdline": "echo run >> runs; sleep 0.4; [ $(wc -l < runs) -ge 2 ]",
           "health_check": {"cmdline": "echo check >> checks; exit 1", "interval": 0.2,
                            "initial_delay": 0.1, "failures": 4}}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(2, r.runs("p").size(), r.sequence());
    assertEquals(ProcessState.SUCCESS, r.runs("p").get(1).getState(), r.sequence());
    assertEquals(null, side("short").stopReason("p", 1), "not stopped as unhealthy");
    assertTrue(Files.readAllLines(r.sandboxFile("checks")).size() >= 4,
        "checks ran in both runs");
  }
}
