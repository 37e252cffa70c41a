package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.supervision.TaskMarker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §6.6 environment, §6.10 task files, §6.12 logs; §11.2 scenarios 1, 22, 25, 28–30 at the
 * runner's level (Aurora's TestRunnerEnvironment, test_runner_log_config).
 */
class LogsEnvironmentAndTaskFilesIT {
  @TempDir Path root;

  @Test
  void theTaskFileIsActiveWhileRunningThenFinishedWithTheInterpolatedTask() throws Exception {
    TaskHarness harness = new TaskHarness(root, "files").ports(Map.of("http", 8080))
        .bindings(Map.of("greeting", "hi"));
    LiveTask task = harness.start("""
        {"name": "files", "processes": [{"name": "p",
          "cmdline": "echo {{greeting}} {{thermos.ports[http]}} {{thermos.task_id}}; exec sleep 60"}]}
        """);
    task.awaitProcess("p", ProcessState.RUNNING);
    assertEquals("hi 8080 files", task.awaitFile(".logs/p/0/stdout"));
    TaskPaths paths = new TaskPaths(harness.root());
    Path active = paths.taskFile(TaskPaths.TaskFileState.ACTIVE, "files");
    Path finished = paths.taskFile(TaskPaths.TaskFileState.FINISHED, "files");
    String json = Files.readString(active);
    assertTrue(json.contains("echo hi 8080 files; exec sleep 60"), json);
    assertFalse(Files.exists(finished));
    task.stop(StopRequest.KILL);
    TaskResult r = task.await();
    r.assertEnded(TaskState.KILLED);
    assertFalse(Files.exists(active));
    assertEquals(json, Files.readString(finished));
    assertEquals(Map.of("http", 8080L), r.state().getHeader().getPorts());
  }

  @Test
  void anUnboundPortIsRefusedBeforeAnythingIsWritten() {
    TaskHarness harness = new TaskHarness(root, "unbound");
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> harness.evaluate("""
        {"name": "unbound", "processes": [{"name": "p",
          "cmdline": "echo {{thermos.ports[http]}}"}]}"""));
    assertTrue(e.getMessage().contains("Task requires unbound port http!"), e.getMessage());
    assertFalse(Files.exists(root.resolve("checkpoints")));
  }

  @Test
  void processesGetOnlyHomeLognameUserPathAndTheTaskMarker() throws Exception {
    TaskHarness harness = new TaskHarness(root, "env");
    TaskResult r = harness.run("""
        {"name": "env", "processes": [{"name": "p", "cmdline": "env -0 > env.out; pwd"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    Set<String> names = new TreeSet<>();
    Arrays.stream(Files.readString(r.sandboxFile("env.out")).split("\0"))
        .map(v -> v.substring(0, v.indexOf('='))).forEach(names::add);
    names.removeAll(Set.of("PWD", "SHLVL", "_"));  // bash's own
    assertEquals(new TreeSet<>(Set.of("HOME", "LOGNAME", "PATH", "USER", "THERMOS_TASK")), names);
    String env = Files.readString(r.sandboxFile("env.out"));
    assertTrue(env.contains("HOME=" + harness.sandbox() + "\0"), env);
    assertTrue(env.contains("USER=" + System.getProperty("user.name") + "\0"), env);
    assertTrue(env.contains(TaskMarker.of(root, "env").entry() + "\0"), env);
    assertEquals(harness.sandbox().toRealPath() + "\n", r.stdout("p", 0));
  }

  @Test
  void aThermosProfileWrittenByEarlierProcessesIsSourcedByLaterOnes() throws Exception {
    TaskResult r = new TaskHarness(root, "profile").run("""
        {"name": "profile", "processes": [
          {"name": "setup_bashrc", "cmdline":
           "mkdir -p .profile.d; printf 'for i in .profile.d/*.sh; do . $i; done\\\\n' > .thermos_profile"},
          {"name": "setup_foo", "cmdline": "echo export FOO=1 > .profile.d/foo.sh"},
          {"name": "setup_bar", "cmdline": "echo export BAR=2 > .profile.d/bar.sh"},
          {"name": "run", "cmdline": "echo $FOO $BAR > expected_output.txt"}],
         "constraints": [{"order": ["setup_bashrc", "setup_foo", "setup_bar", "run"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("1 2\n", Files.readString(r.sandboxFile("expected_output.txt")));
  }

  @Test
  void eachRunLogsUnderItsOwnNumberAndALoggerCanRotateOrDiscard() throws Exception {
    TaskResult r = new TaskHarness(root, "logs").run("""
        {"name": "logs", "processes": [
          {"name": "twice", "max_failures": 2, "min_duration": 0,
           "cmdline": "echo run; echo oops >&2; test -e again || { touch again; exit 1; }"},
          {"name": "rotated", "logger": {"mode": "rotate", "rotate": {"log_size": 70, "backups": 2}},
           "cmdline": "for i in $(seq 31); do echo 123456; sleep 0.001; done"},
          {"name": "silent", "logger": {"destination": "none"}, "cmdline": "echo gone"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("run\n", r.stdout("twice", 0));
    assertEquals("run\n", r.stdout("twice", 1));
    assertEquals("oops\n", Files.readString(r.log("twice", 1, "stderr")));
    Path stdout = r.log("rotated", 0, "stdout");
    assertTrue(Files.size(stdout) < 70 + 7);
    assertTrue(Files.exists(stdout.resolveSibling("stdout.1")));
    assertTrue(Files.exists(stdout.resolveSibling("stdout.2")));
    assertFalse(Files.exists(stdout.resolveSibling("stdout.3")));
    assertFalse(Files.exists(r.log("silent", 0, "stdout")));
    assertFalse(Files.exists(r.log("silent", 0, "stderr")));
  }
}
