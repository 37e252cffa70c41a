package dev.thermos.supervision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A snapshot of {@code /proc}: every process with its parent, process group and session. Taken when
 * something must be signalled (never polled): the kill ladder uses it to find descendants that left
 * a process group, orphans re-parented to the runner (a child subreaper), and the processes that
 * carry the task's {@link TaskMarker}. Environments are read when asked, not with the snapshot.
 */
public final class ProcessTree {
  /** One process of the snapshot. */
  public record Entry(int pid, int ppid, int pgrp, int session, char state, long startTicks) {
    boolean alive() {
      return state != 'Z' && state != 'X';
    }
  }

  private final Map<Integer, Entry> byPid;
  private final Map<Integer, List<Integer>> children = new HashMap<>();
  private final IntFunction<Optional<byte[]>> environments;

  private ProcessTree(Map<Integer, Entry> byPid, IntFunction<Optional<byte[]>> environments) {
    this.byPid = byPid;
    this.environments = environments;
    for (Entry e : byPid.values()) {
      children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e.pid());
    }
  }

  /** A tree of the given processes and environments (for tests). */
  static ProcessTree of(Collection<Entry> entries, IntFunction<Optional<byte[]>> environments) {
    Map<Integer, Entry> map = new HashMap<>();
    entries.forEach(e -> map.put(e.pid(), e));
    return new ProcessTree(map, environments);
  }

  /** The processes of the host now. */
  public static ProcessTree snapshot() {
    Map<Integer, Entry> entries = new HashMap<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path dir : proc) {
        String name = dir.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
          Entry e = read(dir.resolve("stat"));
          if (e != null) {
            entries.put(e.pid(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return new ProcessTree(entries, ProcessTree::environ);
  }

  private static Entry read(Path stat) {
    String s;
    try {
      s = Files.readString(stat, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;  // exited while we looked
    }
    int close = s.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    // Fields from 3 (state) on; 22 is the start time in clock ticks after boot.
    String[] f = s.substring(close + 2).split(" ", 21);
    try {
      int pid = Integer.parseInt(s.substring(0, s.indexOf(' ')));
      return new Entry(pid, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          f[0].charAt(0), Long.parseLong(f[19]));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Optional<byte[]> environ(int pid) {
    try {
      return Optional.of(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "environ")));
    } catch (IOException | SecurityException e) {
      return Optional.empty();  // gone, or not ours to read
    }
  }

  /** True when {@code pid} is in the snapshot and not a zombie. */
  public boolean alive(int pid) {
    Entry e = byPid.get(pid);
    return e != null && e.alive();
  }

  public Entry get(int pid) {
    return byPid.get(pid);
  }

  /** Every descendant of {@code pid}, not including it, parents before children. */
  Set<Integer> descendants(int pid) {
    Set<Integer> out = new LinkedHashSet<>();
    Deque<Integer> todo = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
    while (!todo.isEmpty()) {
      int p = todo.poll();
      if (out.add(p)) {
        todo.addAll(children.getOrDefault(p, List.of()));
      }
    }
    return out;
  }

  /** Live processes whose process group or session is {@code id} (a coordinator's pid). */
  Set<Integer> inGroupOrSession(int id) {
    Set<Integer> out = new LinkedHashSet<>();
    for (Entry e : byPid.values()) {
      if ((e.pgrp() == id || e.session() == id) && e.alive()) {
        out.add(e.pid());
      }
    }
    return out;
  }

  /**
   * Live processes whose environment holds {@code entry} ({@code NAME=value}) exactly, wherever
   * they are in the tree (orphans of a crashed runner were re-parented to init).
   */
  public Set<Integer> withEnvironmentEntry(String entry) {
    Set<Integer> out = new LinkedHashSet<>();
    for (Entry e : byPid.values()) {
      if (e.alive() && hasEnvironmentEntry(e.pid(), entry)) {
        out.add(e.pid());
      }
    }
    return out;
  }

  /** True when the environment of {@code pid} holds {@code entry} ({@code NAME=value}) exactly. */
  boolean hasEnvironmentEntry(int pid, String entry) {
    Optional<byte[]> read = environments.apply(pid);
    if (read.isEmpty()) {
      return false;
    }
    byte[] environ = read.get();
    byte[] wanted = (entry + "\0").getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + wanted.length <= environ.length; i++) {
      if (i > 0 && environ[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < wanted.length; j++) {
        if (environ[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** {@code pid} and its ancestors. */
  Set<Integer> ancestry(int pid) {
    Set<Integer> out = new LinkedHashSet<>();
    for (Entry e = byPid.get(pid); e != null && out.add(e.pid()); e = byPid.get(e.ppid())) {
      // walk up
    }
    return out;
  }

  /** Direct children of {@code pid}. */
  public List<Integer> children(int pid) {
    return children.getOrDefault(pid, List.of());
  }
}
