package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tasks a command line names. Regexes match task ids from the start, like Python's
 * {@code re.match}: {@code sleep} matches {@code sleep60} and {@code sleep60-lost}.
 */
final class TaskSelector {
  private final TaskDetector detector;

  TaskSelector(TaskDetector detector) {
    this.detector = detector;
  }

  /** Tasks (of {@code only}'s state, or both when null) matched by any of {@code regexes}. */
  List<DetectedTask> matching(List<String> regexes, TaskFileState only) throws IOException {
    return matching(regexes, only, false);
  }

  /**
   * The task of {@code only}'s state whose id is {@code pattern} exactly when there is one, else
   * every task of that state the regex matches from the start.
   */
  List<DetectedTask> exactOrMatching(String pattern, TaskFileState only) throws IOException {
    Optional<DetectedTask> exact = detector.find(pattern)
        .filter(t -> only == null || t.fileState() == only);
    return exact.isPresent() ? List.of(exact.get()) : matching(List.of(pattern), only);
  }

  /** The ids of the tasks of {@code only}'s state that one of {@code regexes} matches whole. */
  List<String> idsMatchingWhole(List<String> regexes, TaskFileState only) throws IOException {
    return matching(regexes, only, true).stream().map(DetectedTask::taskId).toList();
  }

  private List<DetectedTask> matching(List<String> regexes, TaskFileState only, boolean whole)
      throws IOException {
    List<Pattern> patterns = compile(regexes.isEmpty() ? List.of(".*") : regexes);
    List<DetectedTask> tasks = only == null ? detector.tasks() : detector.tasks(only);
    List<DetectedTask> matched = new ArrayList<>();
    for (DetectedTask task : tasks) {
      if (patterns.stream().anyMatch(p -> whole ? p.matcher(task.taskId()).matches()
          : p.matcher(task.taskId()).lookingAt())) {
        matched.add(task);
      }
    }
    return matched;
  }

  /**
   * The tasks {@code query} names: the task with exactly that id (a task file, or only a runner
   * checkpoint) when there is one, else every task whose id the regex matches from the start.
   */
  List<DetectedTask> named(String query) throws IOException {
    Optional<DetectedTask> exact = detector.find(query);
    if (exact.isPresent()) {
      return List.of(exact.get());
    }
    if (TaskPaths.isValidId(query) && Files.exists(detector.paths().runnerCheckpoint(query))) {
      return List.of(new DetectedTask(query, TaskFileState.ACTIVE));
    }
    return matching(List.of(query), null);
  }

  private static List<Pattern> compile(List<String> regexes) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new UsageException("invalid regex '" + regex + "': " + e.getDescription());
      }
    }
    return patterns;
  }
}
