package dev.thermos.runner;

import java.io.IOException;
import dev.thermos.posix.LibC;
import dev.thermos.posix.ProcessIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of {@code /proc}: every process with its parent, process group and session. Taken when
 * something must be signalled (never polled): the kill ladder uses it to find descendants that left
 * a process group, and orphans re-parented to the runner (a child subreaper).
 */
final class ProcessTree {
  /** One process of the snapshot. */
  record Entry(int pid, int ppid, int pgrp, int session, char state) {}

  private final Map<Integer, Entry> byPid;
  private final Map<Integer, List<Integer>> children = new HashMap<>();

  private ProcessTree(Map<Integer, Entry> byPid) {
    this.byPid = byPid;
    for (Entry e : byPid.values()) {
      children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e.pid());
    }
  }

  static ProcessTree snapshot() {
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
    return new ProcessTree(entries);
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
    String[] f = s.substring(close + 2).split(" ", 6);
    try {
      int pid = Integer.parseInt(s.substring(0, s.indexOf(' ')));
      return new Entry(pid, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          f[0].charAt(0));
    } catch (RuntimeException e) {
      return null;
    }
  }

  boolean alive(int pid) {
    Entry e = byPid.get(pid);
    return e != null && e.state() != 'Z';
  }

  Entry get(int pid) {
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
      if ((e.pgrp() == id || e.session() == id) && e.state() != 'Z') {
        out.add(e.pid());
      }
    }
    return out;
  }

  /**
   * Live processes started at or after {@code sinceSecs} whose environment holds {@code entry}
   * (the task's {@code HOME=<sandbox>}): the task's processes however they left its sessions and
   * trees, the orphans of a crashed runner included (they were re-parented to init).
   */
  Set<Integer> startedSinceWith(String entry, double sinceSecs) {
    String wanted = "\0" + entry + "\0";
    Set<Integer> out = new LinkedHashSet<>();
    double ticksPerSec = LibC.sysconf(LibC.SC_CLK_TCK) > 0 ? LibC.sysconf(LibC.SC_CLK_TCK) : 100;
    // Boot time as of now: /proc/stat's btime is the wall clock at boot and drifts (here by a
    // second an hour), so start times are taken against the current uptime instead.
    double bootSecs = System.currentTimeMillis() / 1000.0 - uptimeSecs();
    for (Entry e : byPid.values()) {
      if (e.state() == 'Z' || bootSecs
          + ProcessIdentity.startTicks(e.pid()).orElse(0L) / ticksPerSec < sinceSecs) {
        continue;
      }
      try {
        byte[] env = Files.readAllBytes(Path.of("/proc", Integer.toString(e.pid()), "environ"));
        if (("\0" + new String(env, StandardCharsets.ISO_8859_1)).contains(wanted)) {
          out.add(e.pid());
        }
      } catch (IOException | SecurityException ex) {
        // gone, or not ours to read
      }
    }
    return out;
  }

  private static double uptimeSecs() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read /proc/uptime", e);
    }
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
  List<Integer> children(int pid) {
    return children.getOrDefault(pid, List.of());
  }
}
