package dev.thermos.inspect;

import dev.thermos.format.TaskPaths;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Task ids of a root ({@code tasks/active} or {@code tasks/finished}; hidden temporary files are
 * not tasks), selected by regular expressions.
 */
public final class TaskIdMatch {
  private TaskIdMatch() {}

  /** The ids in one state, sorted; none when the directory does not exist. */
  public static List<String> ids(Path root, TaskPaths.TaskFileState state) throws IOException {
    List<String> out = new ArrayList<>();
    for (DetectedTask task : new TaskDetector(root).tasks(state)) {
      out.add(task.taskId());
    }
    return out;
  }

  /**
   * The ids that match any of {@code regexes}: at their start like Python's {@code re.match}
   * ({@code prefix}), or as a whole.
   *
   * @throws IllegalArgumentException when a regex does not compile
   */
  public static List<String> select(List<String> ids, List<String> regexes, boolean prefix) {
    List<Pattern> patterns = new ArrayList<>();
    for (String r : regexes) {
      try {
        patterns.add(Pattern.compile(r));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regex '" + r + "': " + e.getDescription());
      }
    }
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (patterns.stream().anyMatch(p -> prefix ? p.matcher(id).lookingAt()
          : p.matcher(id).matches())) {
        out.add(id);
      }
    }
    return out;
  }
}
