package dev.thermos.cli.run;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the coordinators' checkpoints ({@code coordinator.<process>}) with the runner's: the
 * runner copies every record a coordinator wrote, verbatim and once, even those written while no
 * runner was watching.
 */
final class CoordinatorRecords {
  private CoordinatorRecords() {}

  /**
   * The differences, empty when every coordinator record is in the runner stream unchanged and,
   * if {@code onlyCopies}, every runner record past WAITING came from a coordinator (nothing was
   * made up: no LOST, no synthesized end).
   */
  static List<String> differences(Path root, String taskId, boolean onlyCopies) throws IOException {
    TaskPaths paths = new TaskPaths(root);
    Map<String, ProcessStatus> runner = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (ProcessStatus s : statuses(paths.runnerCheckpoint(taskId))) {
      if (runner.put(key(s), s) != null) {
        out.add("the runner stream holds " + key(s) + " twice");
      }
    }
    Map<String, ProcessStatus> coordinators = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(
        paths.checkpointDirectory(taskId), "coordinator.*")) {
      for (Path file : files) {
        for (ProcessStatus s : statuses(file)) {
          coordinators.put(key(s), s);
          if (!s.equals(runner.get(key(s)))) {
            out.add(file.getFileName() + ": " + s + " is not in the runner stream as written");
          }
        }
      }
    }
    if (onlyCopies) {
      runner.forEach((key, s) -> {
        if (s.getState() != ProcessState.WAITING && !coordinators.containsKey(key)) {
          out.add("the runner recorded " + s + " which no coordinator wrote");
        }
      });
    }
    return out;
  }

  private static String key(ProcessStatus s) {
    return s.getProcess() + "#" + s.getSeq();
  }

  private static List<ProcessStatus> statuses(Path file) throws IOException {
    List<ProcessStatus> out = new ArrayList<>();
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        if (r.isSetProcessStatus()) {
          out.add(r.getProcessStatus());
        }
      }
      if (reader.tornAt().isPresent()) {
        throw new AssertionError(file + " ends in a partial record");
      }
    }
    return out;
  }
}
