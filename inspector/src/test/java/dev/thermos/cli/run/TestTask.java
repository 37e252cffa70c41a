package dev.thermos.cli.run;

import dev.thermos.format.TaskPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A task from the test resources ({@code run/<name>}) set up in a directory of its own:
 * {@code <dir>/root} (the checkpoint root, whose {@code sandbox/<id>} holds {@code step.sh}),
 * {@code <dir>/logs} (the runners' output) and the task's JSON.
 */
record TestTask(Path dir, String taskId, Path json) {

  static TestTask prepare(Path dir, String resource, String taskId) throws IOException {
    TestTask t = new TestTask(dir, taskId, dir.resolve(resource));
    Files.createDirectories(t.sandbox());
    copy("step.sh", t.sandbox().resolve("step.sh"));
    copy(resource, t.json());
    return t;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = TestTask.class.getResourceAsStream("/run/" + resource)) {
      if (in == null) {
        throw new IOException("no test resource run/" + resource);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  Path root() {
    return dir.resolve("root");
  }

  Path sandbox() {
    return root().resolve("sandbox").resolve(taskId);
  }

  Path logs() {
    return dir.resolve("logs");
  }

  TaskPaths paths() {
    return new TaskPaths(root());
  }

  /** Starts {@code thermos run [EXTRA...] --root R --task_id T TASK}; output in logs/NAME.*. */
  RunnerJvm start(String name, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--root", root().toString(), "--task_id", taskId, json.toString()));
    return RunnerJvm.run(logs(), name, args.toArray(String[]::new));
  }

  /** Polls until the sandbox holds {@code name}; fails if the runner ends or time is up first. */
  void awaitFile(String name, RunnerJvm runner, Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(sandbox().resolve(name))) {
      if (!runner.isAlive() || System.nanoTime() > until) {
        throw new AssertionError("no " + name + " in the sandbox\n" + runner.output());
      }
      Thread.sleep(5);
    }
  }

  /** The content of a file in the sandbox, or null when it does not exist. */
  String sandboxFile(String name) throws IOException {
    Path p = sandbox().resolve(name);
    return Files.exists(p) ? Files.readString(p).trim() : null;
  }
}
