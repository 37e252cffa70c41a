package dev.thermos.inspect;

import dev.thermos.format.TaskPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
    Path dir = new TaskPaths(root).tasksDirectory(state);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
          out.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    }
    out.sort(null);
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
