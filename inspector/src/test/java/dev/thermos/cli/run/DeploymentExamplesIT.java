package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.cli.DeploymentExamples;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.posix.FileLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container examples' runner commands, word for word as {@code examples/kubernetes} and
 * {@code examples/nomad} give them (only their absolute paths moved into a temporary directory),
 * through {@code bin/thermos}, on the task the example gives: so the examples cannot rot. The
 * Kubernetes one runs as PID 1 of a PID namespace, is killed with everything in it (a container
 * crash) while the task runs, and the same command in a new namespace (the new container on the
 * same volume) resumes the task: what was done is not done again, the interrupted run is LOST
 * and runs again, and the task ends SUCCESS with exit code 0.
 */
class DeploymentExamplesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void theKubernetesRunnerResumesTheTaskInANewContainerOnTheSameVolume() throws Exception {
    assumeTrue(new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
        .start().waitFor() == 0, "unshare needs root here");
    Path root = dir.resolve("volume");
    Path taskFile = Files.writeString(Files.createDirectories(dir.resolve("etc"))
        .resolve("task.json"), DeploymentExamples.kubernetesTask());
    List<String> args = moved(DeploymentExamples.kubernetesCommand("runner"),
        Map.of("/var/run/thermos", root.toString(), "/etc/thermos/task.json",
            taskFile.toString()));
    ThermosScript thermos = ThermosScript.install(dir);

    Process first = container(thermos, args, "first");
    awaitRunning(root, "work", first);
    // The container dies with everything in it: SIGKILL to its PID 1 ends the namespace.
    first.destroyForcibly();
    assertTrue(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    // unshare --kill-child took its PID 1 along; the kernel kills the rest of the namespace.
    TaskPaths paths = new TaskPaths(root);
    Poll.until("the first container's processes are gone", TIMEOUT,
        () -> !FileLocks.isHeld(paths.runnerCheckpoint("hello"))
            && !FileLocks.isHeld(paths.checkpointDirectory("hello").resolve("coordinator.work")));

    Process second = container(thermos, args, "second");
    assertTrue(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), output("second"));
    assertEquals(0, second.exitValue(), output("second"));
    TaskOutcome outcome = TaskOutcome.of(root, "hello");
    assertEquals(List.of("SUCCESS(0)"), outcome.runs().get("fetch"), "fetch ran again");
    assertEquals(List.of("LOST", "SUCCESS(0)"), outcome.runs().get("work"));
    assertEquals(List.of("SUCCESS(0)"), outcome.runs().get("report"));
  }

  @Test
  void theNomadRunnerRunsTheTaskItsTemplateWrites() throws Exception {
    Path root = dir.resolve("host");
    Path alloc = Files.createDirectories(dir.resolve("alloc/runner"));
    Files.createDirectories(alloc.resolve("local"));
    Files.writeString(alloc.resolve("local/task.json"), DeploymentExamples.nomadTask());
    List<String> args = moved(DeploymentExamples.nomadCommand("runner"),
        Map.of("/var/lib/thermos", root.toString()));
    ThermosScript thermos = ThermosScript.install(dir);
    int code = thermos.run(alloc, Map.of(), "", TIMEOUT, args.toArray(String[]::new));
    assertEquals(0, code, Files.readString(alloc.resolve("shell.out"))
        + Files.readString(alloc.resolve("shell.err")));
    assertEquals("done\n", Files.readString(root.resolve("sandbox/hello/report.txt")));
  }

  /** The command's arguments after {@code thermos}, with the absolute paths replaced. */
  private static List<String> moved(List<String> command, Map<String, String> paths) {
    assertEquals("thermos", command.get(0));
    List<String> out = new ArrayList<>();
    for (String word : command.subList(1, command.size())) {
      out.add(paths.getOrDefault(word, word));
    }
    return out;
  }

  /** {@code bin/thermos ARGS} as PID 1 of a new PID namespace (a container). */
  private Process container(ThermosScript thermos, List<String> args, String name)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc",
        "--kill-child", thermos.script().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile());
    builder.environment().put("THERMOS_NO_REBUILD", "1");
    return builder.start();
  }

  private void awaitRunning(Path root, String process, Process runner) throws Exception {
    Path checkpoint = new TaskPaths(root).runnerCheckpoint("hello");
    Poll.until(process + " RUNNING", TIMEOUT, () -> {
      assertTrue(runner.isAlive(), output("first"));
      if (!Files.exists(checkpoint)) {
        return false;
      }
      List<ProcessStatus> runs = CheckpointReplay.replay(checkpoint).state().getProcesses()
          .get(process);
      return runs != null && runs.get(runs.size() - 1).getState() == ProcessState.RUNNING;
    });
  }

  private String output(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".out"))
        + Files.readString(dir.resolve(name + ".err"));
  }
}
