package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control verbs as an operator types them ({@code thermos hold|release|signal|restart|drain}),
 * against a live {@code thermos run}: what each prints, its exit code, and {@code status} showing
 * the hold; then the refusals (no such task, process or signal; an ended task).
 */
class ControlVerbsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private int commands;

  private Path root() {
    return dir.resolve("root");
  }

  private Path sandbox(String id) {
    return root().resolve("sandbox").resolve(id);
  }

  /** Runs {@code thermos VERB ARGS... --root R}; returns it once it exited. */
  private RunnerJvm thermos(String verb, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--root", root().toString()));
    RunnerJvm jvm = RunnerJvm.command(dir.resolve("logs"), verb + "-" + commands++, verb,
        all.toArray(String[]::new));
    assertTrue(jvm.awaitExit(WAIT), verb + " did not end\n" + jvm.output());
    return jvm;
  }

  private void awaitFile(String id, String name, RunnerJvm runner) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(sandbox(id).resolve(name))) {
      if (!runner.isAlive() || System.nanoTime() > until) {
        throw new AssertionError("no " + name + "\n" + runner.output());
      }
      Thread.sleep(10);
    }
  }

  private List<ProcessStatus> runs(String id, String process) throws Exception {
    return CheckpointReplay.replay(new TaskPaths(root()).runnerCheckpoint(id)).state()
        .getProcesses().getOrDefault(process, List.of());
  }

  @Test
  void eachVerbSaysWhatItDidAndTheTaskFollows() throws Exception {
    String id = "verbs";
    Files.createDirectories(sandbox(id));
    Path json = Files.writeString(dir.resolve("verbs.json"), """
        {"name": "verbs", "processes": [
          {"name": "svc", "max_failures": 1,
           "cmdline": "n=$(($(cat n 2>/dev/null || echo 0) + 1)); echo $n > n; trap 'echo HUP >> got' HUP; trap 'exit 3' TERM; touch up$n; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "after", "cmdline": "touch after-ran"},
          {"name": "fin", "final": true, "cmdline": "touch fin-ran"}],
         "constraints": [{"order": ["svc", "after"]}]}""");
    RunnerJvm runner = RunnerJvm.run(dir.resolve("logs"), "runner", "--root", root().toString(),
        "--task_id", id, json.toString());
    awaitFile(id, "up1", runner);

    RunnerJvm hold = thermos("hold", id);
    assertEquals(0, hold.exitCode(WAIT), hold.output());
    assertEquals("Held verbs: nothing new is launched until released.\n", hold.stdout());
    RunnerJvm status = thermos("status", "-v", id);
    assertTrue(status.stdout().contains("runner: alive (pid " + runner.pid() + "), held"),
        status.output());
    RunnerJvm json1 = thermos("status", "--json", id);
    assertTrue(json1.stdout().contains("\"held\":true"), json1.output());

    RunnerJvm signal = thermos("signal", id, "svc", "sighup");
    assertEquals(0, signal.exitCode(WAIT), signal.output());
    assertEquals("Sent SIGHUP to svc of verbs.\n", signal.stdout());
    awaitFile(id, "got", runner);

    RunnerJvm restart = thermos("restart", id, "svc");
    assertEquals(0, restart.exitCode(WAIT), restart.output());
    assertTrue(restart.stdout().startsWith("Restarting svc of verbs"), restart.output());
    awaitFile(id, "up2", runner);  // restarted even though held

    RunnerJvm release = thermos("release", id);
    assertEquals(0, release.exitCode(WAIT), release.output());
    assertEquals("Released verbs.\n", release.stdout());
    assertFalse(thermos("status", "--json", id).stdout().contains("held"));

    RunnerJvm drain = thermos("drain", "--timeout", "30s", id);
    assertEquals(0, drain.exitCode(WAIT), drain.output());
    assertTrue(drain.stdout().startsWith("Draining verbs"), drain.output());
    Files.writeString(sandbox(id).resolve("stop"), "");
    assertEquals(0, runner.exitCode(WAIT), runner.output());

    List<ProcessStatus> svc = runs(id, "svc");
    assertEquals(List.of(ProcessState.KILLED, ProcessState.SUCCESS),
        svc.stream().map(ProcessStatus::getState).toList());
    assertTrue(runs(id, "after").isEmpty(), "drained: after never launched");
    assertTrue(Files.exists(sandbox(id).resolve("fin-ran")), "the finalizer ran");

    RunnerJvm ended = thermos("hold", id);
    assertEquals(6, ended.exitCode(WAIT), ended.output());
    assertTrue(ended.stderr().startsWith("thermos hold: task verbs has ended (SUCCESS)"),
        ended.output());
  }

  @Test
  void refusalsAreOneLineOnStderrWithTheirExitCode() throws Exception {
    String id = "refusals";
    Files.createDirectories(sandbox(id));
    Path json = Files.writeString(dir.resolve("refusals.json"), """
        {"name": "refusals", "processes": [{"name": "svc",
          "cmdline": "touch up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "later", "cmdline": "true"}],
         "constraints": [{"order": ["svc", "later"]}]}""");
    RunnerJvm runner = RunnerJvm.run(dir.resolve("logs"), "runner", "--root", root().toString(),
        "--task_id", id, json.toString());
    awaitFile(id, "up", runner);

    assertRefused(3, thermos("restart", "nosuch", "svc"), "no task nosuch");
    assertRefused(7, thermos("restart", id, "web"), "task refusals has no process web");
    assertRefused(2, thermos("signal", id, "svc", "BOGUS"), "unknown signal BOGUS");
    assertRefused(6, thermos("signal", id, "later", "HUP"), "later of task refusals has no live run");
    assertRefused(2, thermos("drain", "--timeout", "soon", id), "");

    Files.writeString(sandbox(id).resolve("stop"), "");
    assertEquals(0, runner.exitCode(WAIT), runner.output());
    assertRefused(6, thermos("restart", id, "svc"), "task refusals has ended (SUCCESS)");
  }

  @Test
  void updateSaysWhatChangesAndRefusesAnInvalidTask() throws Exception {
    String id = "upd";
    Files.createDirectories(sandbox(id));
    String keep = """
        {"name": "keep", "cmdline": "touch keep-up; while [ ! -e stop ]; do sleep 0.02; done"}""";
    Path json = Files.writeString(dir.resolve("upd.json"), """
        {"name": "upd", "processes": [%s,
          {"name": "change", "cmdline": "touch change-up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "gone", "cmdline": "while :; do sleep 0.02; done"}]}""".formatted(keep));
    Path next = Files.writeString(dir.resolve("next.json"), """
        {"name": "upd", "processes": [%s,
          {"name": "change", "cmdline": "touch change-up2; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "added", "cmdline": "touch added-ran"}]}""".formatted(keep));
    Path cyclic = Files.writeString(dir.resolve("cyclic.json"), """
        {"name": "upd", "processes": [%s, {"name": "b", "cmdline": "true"}],
         "constraints": [{"order": ["keep", "b"]}, {"order": ["b", "keep"]}]}""".formatted(keep));
    RunnerJvm runner = RunnerJvm.run(dir.resolve("logs"), "runner", "--root", root().toString(),
        "--task_id", id, json.toString());
    awaitFile(id, "change-up", runner);

    assertRefused(65, thermos("update", id, cyclic.toString()), "(nothing changed)");
    assertRefused(65, thermos("update", id, dir.resolve("none.json").toString()), "none.json");
    RunnerJvm update = thermos("update", id, next.toString());
    assertEquals(0, update.exitCode(WAIT), update.output());
    assertEquals("Updated upd: added [added], removed [gone], changed [change].\n",
        update.stdout());
    awaitFile(id, "change-up2", runner);
    awaitFile(id, "added-ran", runner);
    Files.writeString(sandbox(id).resolve("stop"), "");
    assertEquals(0, runner.exitCode(WAIT), runner.output());
    assertEquals(List.of(ProcessState.SUCCESS), runs(id, "keep").stream()
        .map(ProcessStatus::getState).toList());
    assertEquals(List.of(ProcessState.KILLED, ProcessState.SUCCESS), runs(id, "change").stream()
        .map(ProcessStatus::getState).toList());
    assertTrue(runs(id, "b").isEmpty());
  }

  @Test
  void scaleStartsAndStopsInstancesAndRefusesWhatItCannotScale() throws Exception {
    String id = "sc";
    Files.createDirectories(sandbox(id));
    Path json = Files.writeString(dir.resolve("sc.json"), """
        {"name": "sc", "processes": [{"name": "w", "instances": 1,
          "cmdline": "trap 'exit 0' TERM; touch w{{thermos.instance}}-up; while [ ! -e stop ]; do sleep 0.02; done"},
          {"name": "plain", "cmdline": "while [ ! -e stop ]; do sleep 0.02; done"}]}""");
    RunnerJvm runner = RunnerJvm.run(dir.resolve("logs"), "runner", "--root", root().toString(),
        "--task_id", id, json.toString());
    awaitFile(id, "w0-up", runner);

    assertRefused(7, thermos("scale", id, "plain", "2"), "process plain has no \"instances\"");
    assertRefused(7, thermos("scale", id, "nosuch", "2"), "no process nosuch");
    assertRefused(2, thermos("scale", id, "w", "0"), "N must be 1 to 1000");
    RunnerJvm up = thermos("scale", id, "w", "2");
    assertEquals(0, up.exitCode(WAIT), up.output());
    assertEquals("Scaled w of sc to 2: added [w.1], removed [], changed [].\n", up.stdout());
    awaitFile(id, "w1-up", runner);
    RunnerJvm down = thermos("scale", id, "w", "1");
    assertEquals(0, down.exitCode(WAIT), down.output());
    assertEquals("Scaled w of sc to 1: added [], removed [w.1], changed [].\n", down.stdout());
    Files.writeString(sandbox(id).resolve("stop"), "");
    assertEquals(0, runner.exitCode(WAIT), runner.output());
    assertEquals(List.of(ProcessState.SUCCESS), runs(id, "w.0").stream()
        .map(ProcessStatus::getState).toList());
    assertEquals(List.of(ProcessState.KILLED), runs(id, "w.1").stream()
        .map(ProcessStatus::getState).toList());
  }

  private static void assertRefused(int code, RunnerJvm command, String message)
      throws Exception {
    assertEquals(code, command.exitCode(WAIT), command.output());
    assertEquals("", command.stdout(), command.output());
    assertTrue(command.stderr().contains(message), command.output());
    assertFalse(command.stderr().contains("\tat "), "no stack trace: " + command.output());
  }
}
