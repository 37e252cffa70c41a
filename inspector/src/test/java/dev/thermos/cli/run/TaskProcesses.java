package dev.thermos.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The processes of a test's tasks, found in {@code /proc}: every live (not zombie) process whose
 * working directory is inside the test's directory — the coordinators and everything the task's
 * processes started, however they left their group or session — plus the pids the processes wrote
 * down themselves (a {@code pids} file in the sandbox).
 */
final class TaskProcesses {
  private TaskProcesses() {}

  /** Live processes whose cwd is {@code dir} or below it, with their command lines. */
  static List<String> aliveIn(Path dir) throws IOException {
    Path real = dir.toRealPath();
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path p : proc) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          Path cwd = Files.readSymbolicLink(p.resolve("cwd"));
          if (cwd.startsWith(real) && isLive(p)) {
            out.add(name + " " + cmdline(p));
          }
        } catch (IOException | SecurityException e) {
          // gone meanwhile, or a kernel thread
        }
      }
    }
    return out;
  }

  /** The live processes among the pids listed in {@code pidsFile} (one a line; missing = none). */
  static List<Integer> aliveOf(Path pidsFile, Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    if (!Files.exists(pidsFile)) {
      return out;
    }
    Path real = dir.toRealPath();
    for (String line : new TreeSet<>(Files.readAllLines(pidsFile))) {
      if (line.isBlank()) {
        continue;
      }
      Path p = Path.of("/proc", line.trim());
      try {
        // A reused pid is someone else's process: it works elsewhere.
        if (isLive(p) && Files.readSymbolicLink(p.resolve("cwd")).startsWith(real)) {
          out.add(Integer.parseInt(line.trim()));
        }
      } catch (IOException e) {
        // gone
      }
    }
    return out;
  }

  /** Polls until no process works in {@code dir}; fails listing them after {@code timeout}. */
  static void awaitNoneIn(Path dir, Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    List<String> alive = aliveIn(dir);
    while (!alive.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
      alive = aliveIn(dir);
    }
    if (!alive.isEmpty()) {
      throw new AssertionError("processes of the task are still alive: " + alive);
    }
  }

  private static boolean isLive(Path procDir) throws IOException {
    String stat = Files.readString(procDir.resolve("stat"), StandardCharsets.UTF_8);
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private static String cmdline(Path procDir) {
    try {
      return new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
