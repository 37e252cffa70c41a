package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.monitor.ProcessRun;
import dev.thermos.monitor.TaskDetector;
import dev.thermos.monitor.TaskLogs;
import dev.thermos.monitor.TaskMonitor;
import dev.thermos.posix.SafeDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tail -f}: follows the logs of some runs until they end, woken only by file events (a
 * {@link WatchService} on the runner checkpoint's directory and on the log directories), never by
 * a timer. A run is followed while the runner stream says it is live (or has not recorded it yet
 * while the task goes on); when it ends, its log is read to the end. With {@code acrossRuns}, a
 * process the runner will start again ({@link RestartRule}) is followed into its next run. With
 * {@code discover} ({@code --all}), processes whose logs appear later are followed too, until the
 * task ends.
 */
final class LogFollower implements Closeable {
  /** Where followed lines go. */
  interface Sink {
    void line(String process, String text);

    /** A new run of {@code process} is being followed, its log at {@code file}. */
    void newRun(String process, Path file);

    /** Called after each batch of lines. */
    void flush();
  }

  /**
   * Where the logs are: {@code logDir} below the operator's {@code anchor} (see
   * {@link TaskLogs#anchor}), nothing below the anchor followed if a link.
   */
  record Location(Path anchor, Path logDir) {
    /** The runs found in the log directory, opened without following links; none when absent. */
    List<ProcessRun> runs() throws IOException {
      try (SafeDirectory logs = SafeDirectory.open(anchor, anchor.relativize(logDir), false)) {
        return TaskDetector.processRuns(logs.procPath());
      } catch (NoSuchFileException e) {
        return List.of();
      }
    }
  }

  /**
   * What to follow beyond the runs given at the start: with {@code discover}, processes whose logs
   * appear later (only {@code only} when not null, until it appears).
   */
  record Policy(boolean acrossRuns, boolean discover, String only, boolean stderr,
      RestartRule restarts) {}

  private final TaskMonitor monitor;
  private final Location location;
  private final Path anchor;
  private final Path logDir;
  private final Policy policy;
  private final Sink sink;
  private final WatchService watcher;
  private final Set<Path> watched = new HashSet<>();
  private final Map<String, Followed> followed = new LinkedHashMap<>();

  private static final class Followed {
    int run;
    FollowedLog log;

    Followed(int run, FollowedLog log) {
      this.run = run;
      this.log = log;
    }
  }

  LogFollower(TaskMonitor monitor, Location location, Policy policy, Sink sink)
      throws IOException {
    this.monitor = monitor;
    this.location = location;
    this.anchor = location.anchor();
    this.logDir = location.logDir();
    this.policy = policy;
    this.sink = sink;
    this.watcher = logDir.getFileSystem().newWatchService();
    watch(monitor.checkpoint().getParent());
    watch(logDir.getParent());  // where the log directory appears, when no process ran yet
    watch(logDir);
  }

  /** Follows {@code log}, run {@code run} of {@code process}, from where it stands. */
  void add(String process, int run, FollowedLog log) throws IOException {
    followed.put(process, new Followed(run, log));
    watch(logDir.resolve(process));
    watch(log.file().getParent());
  }

  /**
   * Follows until every run has ended and nothing more will come. Each wake-up reads the processes
   * whose log directories were written in the order the file events came (so that lines of
   * several processes come out in the order they were written, as far as the tail keeps up with
   * the writers), then the others.
   */
  void follow() throws IOException, InterruptedException {
    List<Path> signalled = List.of();
    while (true) {
      monitor.refresh();
      watch(logDir);
      if (policy.discover()) {
        discoverProcesses();
      }
      boolean more = policy.discover() && !monitor.taskEnded()
          && (policy.only() == null || !followed.containsKey(policy.only()));
      for (String process : inEventOrder(signalled)) {
        more |= advance(process, followed.get(process));
      }
      sink.flush();
      if (!more) {
        return;
      }
      signalled = awaitEvents();
    }
  }

  /** The followed processes, those whose run's log directory is in {@code signalled} first. */
  private Set<String> inEventOrder(List<Path> signalled) {
    Set<String> order = new LinkedHashSet<>();
    for (Path dir : signalled) {
      followed.forEach((process, f) -> {
        if (dir.equals(f.log.file().getParent())) {
          order.add(process);
        }
      });
    }
    order.addAll(followed.keySet());
    return order;
  }

  /** Reads what is new; returns whether more may come for this process. */
  private boolean advance(String process, Followed f) throws IOException {
    while (true) {
      watch(f.log.file().getParent());
      boolean live = monitor.runIsLive(process, f.run);
      f.log.readNew(text -> sink.line(process, text));
      if (live) {
        return true;
      }
      f.log.flushPartial(text -> sink.line(process, text));
      if (!policy.acrossRuns()) {
        return false;
      }
      int next = f.run + 1;
      boolean started = monitor.runs(process).size() > next
          || Files.isDirectory(TaskPaths.processLogDir(logDir, process, next));
      if (!started) {
        return policy.restarts().mayRunAgain(process, monitor);
      }
      f.log.close();
      f.run = next;
      f.log = new FollowedLog(anchor, TaskLogs.logFile(logDir, new ProcessRun(process, next),
          policy.stderr()));
      sink.newRun(process, f.log.file());
    }
  }

  private void discoverProcesses() throws IOException {
    for (ProcessRun run : location.runs()) {
      if (!followed.containsKey(run.process())
          && (policy.only() == null || policy.only().equals(run.process()))) {
        FollowedLog log = new FollowedLog(anchor, TaskLogs.logFile(logDir, run, policy.stderr()));
        add(run.process(), run.run(), log);
        if (policy.only() != null) {
          sink.newRun(run.process(), log.file());  // the one process waited for: its header
        }
      }
    }
  }

  private void watch(Path dir) throws IOException {
    if (!watched.contains(dir) && Files.isDirectory(dir)) {
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      watched.add(dir);
    }
  }

  /**
   * Blocks until something under a watched directory changed, then drains every pending event;
   * returns the directories in the order they were first signalled.
   */
  private List<Path> awaitEvents() throws InterruptedException {
    List<Path> dirs = new ArrayList<>();
    WatchKey key = watcher.take();
    do {
      key.pollEvents();
      if (key.watchable() instanceof Path dir && !dirs.contains(dir)) {
        dirs.add(dir);
      }
      key.reset();
      key = watcher.poll();
    } while (key != null);
    return dirs;
  }

  @Override
  public void close() throws IOException {
    for (Followed f : followed.values()) {
      f.log.close();
    }
    watcher.close();
  }
}
