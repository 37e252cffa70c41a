package dev.thermos.cli;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the copies of idle-scaled processes say they are ({@code <sandbox>/.thermos_status/NAME.i}:
 * {@code idle} or {@code busy}), counted per process for {@code status -vv}: {@code w: idle 2
 * busy 5}. Only copies whose latest run is running count; files are read without following links.
 */
final class IdleTally {
  private IdleTally() {}

  /** Process (without {@code .i}) to {idle, busy}; empty when the task does not scale so. */
  static Map<String, int[]> of(Path sandbox, Map<String, List<ProcessStatus>> processes) {
    Map<String, int[]> out = new TreeMap<>();
    Path dir = sandbox.resolve(".thermos_status");
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false);
        DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String copy = f.getFileName().toString();
        List<ProcessStatus> runs = processes.get(copy);
        int dot = copy.lastIndexOf('.');
        if (dot <= 0 || runs == null || runs.isEmpty()
            || runs.get(runs.size() - 1).getState() != ProcessState.RUNNING) {
          continue;
        }
        String said = read(d, copy);
        if (said.equals("idle") || said.equals("busy")) {
          int[] tally = out.computeIfAbsent(copy.substring(0, dot), p -> new int[2]);
          tally[said.equals("idle") ? 0 : 1]++;
        }
      }
    } catch (IOException e) {
      // A link or an unreadable directory: no tally.
    }
    return out;
  }

  private static String read(SafeDirectory dir, String name) {
    try {
      return new String(dir.readAll(name, 16), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
