package dev.thermos.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The processes under a runner JVM, from one look at {@code /proc}: its spawner, its zombies. */
final class RunnerDescendants {
  private record Proc(int pid, int ppid, int session, char state) {}

  private final int runner;
  private final Map<Integer, List<Proc>> children = new HashMap<>();

  private RunnerDescendants(int runner) throws IOException {
    this.runner = runner;
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path p : proc) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          Proc e = new Proc(Integer.parseInt(name), Integer.parseInt(f[1]), Integer.parseInt(f[3]),
              f[0].charAt(0));
          children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e);
        } catch (IOException | RuntimeException e) {
          // gone meanwhile
        }
      }
    }
  }

  static RunnerDescendants of(int runner) throws IOException {
    return new RunnerDescendants(runner);
  }

  /**
   * The runner's live child running {@code thermos-coordinator --spawner}, if there is one. The
   * coordinators a dead spawner forked are the runner's children now, with the spawner's command
   * line (forked without an exec), but each leads a session of its own; the spawner does not.
   */
  Optional<Integer> spawner() {
    for (Proc p : children.getOrDefault(runner, List.of())) {
      if (p.state() != 'Z' && p.session() != p.pid() && cmdline(p.pid()).contains("--spawner")
          && readsAPipe(p.pid())) {
        return Optional.of(p.pid());
      }
    }
    return Optional.empty();
  }

  /** Zombies among the runner's descendants. */
  int zombies() {
    int n = 0;
    Deque<Integer> todo = new ArrayDeque<>(List.of(runner));
    while (!todo.isEmpty()) {
      for (Proc p : children.getOrDefault(todo.poll(), List.of())) {
        n += p.state() == 'Z' ? 1 : 0;
        todo.add(p.pid());
      }
    }
    return n;
  }

  /** Live descendants whose command line is exactly {@code line} (arguments joined by spaces). */
  int alive(String line) {
    int n = 0;
    Deque<Integer> todo = new ArrayDeque<>(List.of(runner));
    while (!todo.isEmpty()) {
      for (Proc p : children.getOrDefault(todo.poll(), List.of())) {
        n += p.state() != 'Z' && cmdline(p.pid()).equals(line) ? 1 : 0;
        todo.add(p.pid());
      }
    }
    return n;
  }

  /** True when the process's stdin is a pipe (the spawner's requests; a coordinator's is null). */
  private static boolean readsAPipe(int pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "fd", "0")).toString()
          .startsWith("pipe:");
    } catch (IOException e) {
      return false;
    }
  }

  static String cmdline(int pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }
}
