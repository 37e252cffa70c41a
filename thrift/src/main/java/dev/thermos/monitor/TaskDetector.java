package dev.thermos.monitor;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Aurora's {@code TaskDetector}: tasks are found purely by path, {@code tasks/active/<id>} and
 * {@code tasks/finished/<id>} under one root; process runs by listing {@code {log_dir}/*}{@code /*}.
 * Results are sorted (by id; by process, then run) so that output is stable. Missing directories
 * mean "nothing there", not an error.
 */
public final class TaskDetector {
  private final TaskPaths paths;

  public TaskDetector(Path root) {
    this.paths = new TaskPaths(root);
  }

  public TaskPaths paths() {
    return paths;
  }

  /** Every task of the root: active ones first, then finished ones, each sorted by id. */
  public List<DetectedTask> tasks() throws IOException {
    List<DetectedTask> all = new ArrayList<>(tasks(TaskFileState.ACTIVE));
    all.addAll(tasks(TaskFileState.FINISHED));
    return all;
  }

  /**
   * The tasks whose task file is in {@code state}'s directory, sorted by id. Hidden names are
   * not tasks (the runner writes a task file under a hidden temporary name, then renames it).
   */
  public List<DetectedTask> tasks(TaskFileState state) throws IOException {
    List<DetectedTask> found = new ArrayList<>();
    for (String name : sortedNames(paths.tasksDirectory(state), false)) {
      if (!name.startsWith(".")) {
        found.add(new DetectedTask(name, state));
      }
    }
    return found;
  }

  /** The task with exactly this id, if its task file exists (active wins over finished). */
  /** The ids of the tasks in one state, sorted (see {@link #tasks(TaskFileState)}). */
  public List<String> ids(TaskFileState state) throws IOException {
    return tasks(state).stream().map(DetectedTask::taskId).toList();
  }

  public java.util.Optional<DetectedTask> find(String taskId) {
    for (TaskFileState state : TaskFileState.values()) {
      try {
        if (Files.isRegularFile(paths.taskFile(state, taskId))) {
          return java.util.Optional.of(new DetectedTask(taskId, state));
        }
      } catch (IllegalArgumentException e) {
        return java.util.Optional.empty(); // not a valid id, so no such task
      }
    }
    return java.util.Optional.empty();
  }

  /** The runs found under {@code logDir}: {@code {process}/{run}} directories, run a number. */
  public static List<ProcessRun> processRuns(Path logDir) throws IOException {
    List<ProcessRun> runs = new ArrayList<>();
    for (String process : sortedNames(logDir, true)) {
      if (process.startsWith(".")) {
        continue;
      }
      for (String run : sortedNames(logDir.resolve(process), true)) {
        if (run.matches("\\d{1,9}")) {
          runs.add(new ProcessRun(process, Integer.parseInt(run)));
        }
      }
    }
    runs.sort(Comparator.comparing(ProcessRun::process).thenComparingInt(ProcessRun::run));
    return runs;
  }

  private static List<String> sortedNames(Path dir, boolean directories) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        boolean isDir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        if (isDir == directories) {
          names.add(entry.getFileName().toString());
        }
      }
    } catch (NoSuchFileException e) {
      return names;
    }
    names.sort(null);
    return names;
  }
}
