package dev.thermos.supervision;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
    String[] names = new File("/proc").list();
    if (names == null) {
      throw new IllegalStateException("cannot list /proc");
    }
    Map<Integer, Entry> entries = new HashMap<>();
    ProcReader reader = new ProcReader();
    for (String name : names) {
      int pid = pidOf(name);
      if (pid > 0 && reader.read(pid, "stat")) {
        Entry e = parseStat(reader.content(), reader.length());
        if (e != null) {
          entries.put(e.pid(), e);
        }
      }
    }
    return new ProcessTree(entries, ProcessTree::environ);
  }

  /** The pid a {@code /proc} entry names, or -1 (not a process: {@code self}, {@code sys}). */
  private static int pidOf(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return -1;
    }
    long pid = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      pid = pid * 10 + (c - '0');
    }
    return pid <= Integer.MAX_VALUE ? (int) pid : -1;
  }

  /**
   * The entry of a {@code /proc/<pid>/stat} line ({@code pid (comm) state ppid pgrp session ...},
   * the start time in clock ticks after boot the 22nd field), or null when it is not one. The
   * command may hold spaces and parentheses: the fields start after its last {@code ')'}.
   */
  static Entry parseStat(byte[] stat, int length) {
    int close = -1;
    for (int i = length - 1; i >= 0 && close < 0; i--) {
      close = stat[i] == ')' ? i : -1;
    }
    if (close < 0 || close + 3 > length) {
      return null;
    }
    StatFields f = new StatFields(stat, close + 2, length);
    char state = (char) stat[close + 2];
    f.skip();  // state
    long ppid = f.next();
    long pgrp = f.next();
    long session = f.next();
    for (int i = 0; i < 15; i++) {
      f.skip();  // tty_nr .. nice, num_threads, itrealvalue
    }
    long start = f.next();
    long pid = new StatFields(stat, 0, length).next();
    if (pid < 0 || ppid < 0 || pgrp < 0 || session < 0 || start < 0 || f.failed) {
      return null;
    }
    return new Entry((int) pid, (int) ppid, (int) pgrp, (int) session, state, start);
  }

  /** Space-separated decimal fields of a stat line, read from a position on. */
  private static final class StatFields {
    private final byte[] s;
    private final int end;
    private int at;
    boolean failed;

    StatFields(byte[] s, int at, int end) {
      this.s = s;
      this.at = at;
      this.end = end;
    }

    /** The next field as a number not negative; -1 (and failed) when it is not one. */
    long next() {
      long v = 0;
      int digits = 0;
      for (; at < end && s[at] != ' ' && s[at] != '\n'; at++, digits++) {
        if (s[at] < '0' || s[at] > '9' || digits > 18) {
          failed = true;
          skip();
          return -1;
        }
        v = v * 10 + (s[at] - '0');
      }
      at++;
      failed |= digits == 0;
      return digits == 0 ? -1 : v;
    }

    void skip() {
      while (at < end && s[at] != ' ' && s[at] != '\n') {
        at++;
      }
      at++;
    }
  }

  private static Optional<byte[]> environ(int pid) {
    ProcReader reader = new ProcReader();
    return reader.read(pid, "environ")
        ? Optional.of(Arrays.copyOf(reader.content(), reader.length())) : Optional.empty();
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
