package dev.thermos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * End-to-end wall time of {@code bin/thermos status --json --root ROOT > /dev/null} over a root of
 * finished tasks, JVM start-up included. The root is generated with the library the first time (or
 * when its shape differs): {@code TASKS} tasks {@code task-NNNNN}, each a runner checkpoint of
 * {@code RECORDS} records from {@link CheckpointGenerator} (a finished SUCCESS stream) and a task
 * file under {@code tasks/finished}. One untimed run, then {@code RUNS} timed ones.
 *
 * <p>Usage: {@code StatusBenchmark THERMOS_SCRIPT ROOT [TASKS] [RECORDS] [RUNS] [TARGET_MS]}
 */
public final class StatusBenchmark {
  private static final String TASK_JSON = "{\"name\": \"bench\", \"processes\": [{\"name\": "
      + "\"web_server\", \"cmdline\": \"true\"}]}";

  private StatusBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path script = Path.of(args[0]);
    Path root = Path.of(args[1]);
    int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int records = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    double targetMs = args.length > 5 ? Double.parseDouble(args[5]) : 3000;
    generate(root, tasks, records);
    List<String> command = List.of(script.toString(), "status", "--json", "--root",
        root.toString());
    Samples samples = Measure.repeat(1, runs, () -> Measure.command(command));
    Report.minAndMedian("status --json, " + tasks + " finished tasks of " + records + " records",
        samples, runs, targetMs);
  }

  /** Writes the root unless a marker says it already has this shape. */
  static void generate(Path root, int tasks, int records) throws IOException {
    Path marker = root.resolve("bench-shape");
    String shape = tasks + " " + records;
    if (Files.exists(marker) && Files.readString(marker).equals(shape)) {
      return;
    }
    // Another shape: start from nothing, so that no task of a larger earlier root stays.
    Tree.delete(root);
    long start = System.nanoTime();
    Path finished = root.resolve("tasks").resolve("finished");
    Files.createDirectories(finished);
    for (int i = 0; i < tasks; i++) {
      String id = String.format("task-%05d", i);
      CheckpointGenerator.write(root.resolve("checkpoints").resolve(id).resolve("runner"),
          records, CheckpointGenerator.DEFAULT_SEED + i);
      Files.writeString(finished.resolve(id), TASK_JSON);
    }
    Files.writeString(marker, shape);
    System.err.printf("generated %s: %,d tasks in %.1f s%n", root, tasks,
        (System.nanoTime() - start) / 1e9);
  }
}
