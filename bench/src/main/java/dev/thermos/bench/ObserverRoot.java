package dev.thermos.bench;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The observer benchmark's root, written with the format library (no task is run): {@code FINISHED}
 * finished tasks {@code finished-NNNNN}, each a SUCCESS stream of 40 records from
 * {@link CheckpointGenerator}, and {@code ACTIVE} active tasks {@code active-NNNN}, each a header,
 * ACTIVE, and one process {@code web} RUNNING (its pid is no live process: the sampler finds
 * nothing to read). Regenerated only when a marker says the shape differs.
 */
final class ObserverRoot {
  static final String TASK_JSON = "{\"name\": \"bench\", \"processes\": [{\"name\": \"web\","
      + " \"cmdline\": \"sleep 1000\"}]}";
  private static final int RECORDS = 40;

  private ObserverRoot() {}

  static String activeId(int i) {
    return String.format("active-%04d", i);
  }

  static void generate(Path root, int finished, int active) throws IOException {
    Path marker = root.resolve("bench-shape");
    String shape = finished + " " + active + " " + RECORDS;
    if (Files.exists(marker) && Files.readString(marker).equals(shape)) {
      return;
    }
    Tree.delete(root);
    long start = System.nanoTime();
    Path finishedDir = root.resolve("tasks/finished");
    Path activeDir = root.resolve("tasks/active");
    Files.createDirectories(finishedDir);
    Files.createDirectories(activeDir);
    for (int i = 0; i < finished; i++) {
      String id = String.format("finished-%05d", i);
      CheckpointGenerator.write(root.resolve("checkpoints").resolve(id).resolve("runner"),
          RECORDS, CheckpointGenerator.DEFAULT_SEED + i);
      Files.writeString(finishedDir.resolve(id), TASK_JSON);
    }
    long now = System.currentTimeMillis();
    for (int i = 0; i < active; i++) {
      String id = activeId(i);
      try (CheckpointWriter w = CheckpointWriter.open(
          root.resolve("checkpoints").resolve(id).resolve("runner"))) {
        w.append(activeRecords(root, id, now + i));
      }
      Files.writeString(activeDir.resolve(id), TASK_JSON);
    }
    Files.writeString(marker, shape);
    System.err.printf("generated %s: %,d finished and %,d active tasks in %.1f s%n", root,
        finished, active, (System.nanoTime() - start) / 1e9);
  }

  private static List<RunnerCkpt> activeRecords(Path root, String id, long launchMs) {
    String sandbox = root.resolve("sandbox").resolve(id).toString();
    RunnerCkpt header = RunnerCkpt.runner_header(new RunnerHeader().setTaskId(id)
        .setLaunchTimeMs(launchMs).setSandbox(sandbox).setLogDir(sandbox + "/.logs")
        .setHostname("bench").setUser("bench").setUid(1000).setPorts(Map.of()));
    double t = launchMs / 1000.0;
    return List.of(Records.task(TaskState.ACTIVE, launchMs, 4242, 1000), header,
        Records.waiting("web", 0), Records.forked("web", 1, t, 4_000_000),
        Records.running("web", 2, t, 4_000_001));
  }
}
