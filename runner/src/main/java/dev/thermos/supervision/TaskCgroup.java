package dev.thermos.supervision;

import dev.thermos.format.TaskPaths;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The task's cgroup (v2), where the host lets the runner make one. Every coordinator moves itself
 * into it before it forks the command, so each process of the task stays in it however it detaches
 * (setsid, double fork, a cleared environment) and across runner crashes; at the end of the task
 * the whole cgroup is killed ({@code cgroup.kill}) and removed. Where no cgroup v2 is writable the
 * runner goes on without one (groups, sessions, the subreaper and the environment marker remain).
 *
 * <p>It is made beside the runner's own cgroup, named {@code thermos-<task_id>-<hash of the root>}
 * so that equal task ids under two roots never share one, and its path is recorded in
 * {@code checkpoints/<task_id>/runner.cgroup} for restarted runners, {@code thermos kill} and
 * {@code lose}.
 */
public final class TaskCgroup {
  private static final int MAX_ID_CHARS = 200;
  private static final int MAX_RECORD_BYTES = 4096;
  private static final Duration SLICE = Duration.ofMillis(50);
  /** How long the end of a task waits for its killed cgroup to empty before removing it. */
  private static final Duration WAIT = Duration.ofSeconds(2);
  /** How long {@link #awaitEmpty} looks at {@code cgroup.events} before it watches it. */
  private static final Duration LOOK = Duration.ofMillis(3);

  private final Path dir;

  private TaskCgroup(Path dir) {
    this.dir = dir;
  }

  /** The task's cgroup: the recorded one if it still exists, else a new one; empty when none. */
  public static Optional<TaskCgroup> open(TaskPaths paths, String taskId) {
    Optional<TaskCgroup> recorded = find(paths, taskId);
    if (recorded.isPresent()) {
      return recorded;
    }
    Optional<Path> parent = CgroupMounts.ownCgroup();
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    Path dir = parent.get().resolve(name(paths.root(), taskId));
    try {
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // Made by a runner of this task that died before recording it.
      }
      record(paths.cgroupRecord(taskId), dir);
      return Optional.of(new TaskCgroup(dir));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The cgroup an earlier runner of the task recorded, if it still exists. */
  public static Optional<TaskCgroup> find(TaskPaths paths, String taskId) {
    try {
      Path record = paths.cgroupRecord(taskId);
      String text;
      try (SafeDirectory ckpt = SafeDirectory.openLeaf(record.getParent(), false)) {
        text = new String(ckpt.readAll(record.getFileName().toString(), MAX_RECORD_BYTES),
            StandardCharsets.UTF_8).trim();
      }
      Path dir = Path.of(text);
      // Only a cgroup with the task's own name: the record is a file anyone who can write the
      // root can forge, and what it names gets killed whole.
      // And only a directory of the cgroup v2 hierarchy itself, reached without a link: a
      // forged record could name a directory of plain files whose "cgroup.procs" lists any pid.
      if (dir.isAbsolute() && dir.getFileName() != null
          && dir.getFileName().toString().equals(name(paths.root(), taskId))
          && CgroupMounts.isCgroup(dir)
          && Files.isRegularFile(dir.resolve("cgroup.procs"), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(new TaskCgroup(dir));
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Unreadable or not a path: no cgroup to use.
    }
    return Optional.empty();
  }

  public Path dir() {
    return dir;
  }

  /** True while any process is in the cgroup (or in one below it). */
  private boolean populated() {
    try {
      for (String line : Files.readAllLines(dir.resolve("cgroup.events"))) {
        if (line.startsWith("populated ")) {
          return !line.endsWith(" 0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /**
   * SIGKILLs every process in the cgroup, then removes it once empty, waiting at most
   * {@link #WAIT}. Never throws: a signal the kernel refuses is collected in {@code report}, and
   * what cannot be done is left (the cgroup stays until the next try).
   */
  void killAndRemove(SignalSender sender, StopReport report) {
    kill(sender, report);
    awaitEmpty(WAIT);
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Still populated (a process in uninterruptible sleep): left for the next runner or kill.
    }
  }

  /**
   * Waits until the cgroup is empty: looks at {@code cgroup.events} for {@link #LOOK}, then waits
   * woken by inotify ({@code cgroup.events} changes when it empties), the wait sliced in case the
   * kernel sends no event.
   */
  private void awaitEmpty(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    // Killed processes are usually gone within a millisecond: look for that first, since an
    // inotify watch costs its teardown's grace period (8-16 ms) at the end of every task.
    long looked = System.nanoTime() + Math.min(wait.toNanos(), LOOK.toNanos());
    while (populated()) {
      if (System.nanoTime() - looked > 0) {
        awaitEvents(until);
        return;
      }
      Thread.yield();
    }
  }

  /** {@link #awaitEmpty}'s wait for the cgroup to empty, until {@code until} (nanoTime). */
  private void awaitEvents(long until) {
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
      while (populated()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return;
        }
        WatchKey key = watcher.poll(Math.min(left, SLICE.toNanos()), TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    } catch (IOException e) {
      // The cgroup went away meanwhile, or cannot be watched: nothing to wait for.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code cgroup.kill} (Linux 5.14+), else SIGKILL to each pid of {@code cgroup.procs}. */
  private void kill(SignalSender sender, StopReport report) {
    try {
      // The kernel's file, never created and never through a link.
      Files.writeString(dir.resolve("cgroup.kill"), "1", StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      return;
    } catch (IOException e) {
      // An older kernel: signal the members one by one.
    }
    for (int round = 0; round < 10; round++) {
      List<String> pids;
      try {
        pids = Files.readAllLines(dir.resolve("cgroup.procs"));
      } catch (IOException e) {
        return;
      }
      if (pids.isEmpty()) {
        return;
      }
      for (String line : pids) {
        int pid;
        try {
          pid = Integer.parseInt(line.trim());
        } catch (NumberFormatException e) {
          continue;
        }
        report.aimedAt(pid);
        try {
          sender.send(pid, LibC.SIGKILL);
        } catch (SignalException e) {
          report.failed(e);  // the others still go
        }
      }
      awaitEmpty(SLICE);  // then look again for what forked meanwhile
    }
  }

  /**
   * {@code thermos-<task_id>-<first 8 bytes of SHA-256 of the root, hex>}, the hash as in the task's
   * {@link TaskMarker}.
   */
  static String name(Path root, String taskId) {
    String id = taskId.length() > MAX_ID_CHARS ? taskId.substring(0, MAX_ID_CHARS) : taskId;
    return "thermos-" + id + "-" + TaskMarker.rootHash(root);
  }

  private static void record(Path file, Path dir) throws IOException {
    try (SafeDirectory ckpt = SafeDirectory.openLeaf(file.getParent(), true)) {
      ckpt.writeAtomically(file.getFileName().toString(),
          (dir + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    }
  }
}
