package dev.thermos.observer.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.observer.event.Transition;
import dev.thermos.observer.event.TransitionListener;
import dev.thermos.observer.watch.WatchedDirectory.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Keeps a {@link TaskIndex} up to date from file-change events: one {@link WatchService} (inotify)
 * for every root, one thread. Registered: each root, {@code tasks}, {@code tasks/active},
 * {@code tasks/finished}, {@code checkpoints}, and {@code checkpoints/<id>} of every task that is
 * active or has no task file yet (a finished task found at start is read once; its runner is done).
 * A new directory is registered and then listed (what was made in it before the registration is
 * not missed); an {@code OVERFLOW} lists again the one directory whose events were lost. Nothing
 * is polled and nothing is rescanned on a timer.
 *
 * <p>Each change of a runner stream is read from the offset where the last read stopped
 * ({@link FollowedTask#catchUp}), and its transitions are handed to the listeners on this thread,
 * in stream order for each task. The side files beside it ({@link TaskSideFiles}) are read at the
 * same point, only after an event named them (or the first time).
 */
public final class TaskWatcher implements Closeable {
  private static final System.Logger LOG = System.getLogger(TaskWatcher.class.getName());
  /** From this many pending tasks on, their streams are read in parallel. */
  private static final int PARALLEL_FROM = 64;

  private final List<TaskPaths> roots;
  private final TaskIndex index;
  private final DoubleSupplier clock;
  private final WatchService service;
  private final DirectoryRegistry registry;
  private final TaskFileScanner scanner;
  private final List<TransitionListener> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch scanned = new CountDownLatch(1);
  private final Set<FollowedTask> pending = new LinkedHashSet<>();
  private Thread thread;

  /**
   * A watcher of {@code roots} into {@code index}; {@code clock} gives the time in seconds (for
   * records that carry none). Nothing is read before {@link #start()}.
   */
  public TaskWatcher(List<Path> roots, TaskIndex index, DoubleSupplier clock) throws IOException {
    this.roots = roots.stream().map(r -> new TaskPaths(r.toAbsolutePath().normalize())).toList();
    this.index = index;
    this.clock = clock;
    this.service = FileSystems.getDefault().newWatchService();
    this.registry = new DirectoryRegistry(service);
    this.scanner = new TaskFileScanner(index, registry, this::followLater);
  }

  /** Adds a listener of every transition from now on (add before {@link #start()} to get all). */
  public void addListener(TransitionListener listener) {
    listeners.add(listener);
  }

  /** Starts the thread: the first scan of every root, then the events. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, "thermos-observer-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until the first scan of every root is done; false on timeout. */
  public boolean awaitFirstScan(Duration timeout) throws InterruptedException {
    return scanned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many directories are registered. */
  public int watchedDirectories() {
    return registry.size();
  }

  private void run() {
    try {
      for (TaskPaths root : roots) {
        registry.register(new WatchedDirectory(Kind.ROOT, root, null, null, root.root()));
        scanner.rescan(registry.get(root.root()));
      }
      followPending();
      index.prepare();
      scanned.countDown();
      while (true) {
        WatchKey key = service.take();
        do {
          handle(key);
          key = service.poll();
        } while (key != null);
        followPending();
        index.prepare();
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the observer stops
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "watcher stopped", e);
    } finally {
      scanned.countDown();
    }
  }

  private void handle(WatchKey key) {
    WatchedDirectory dir = registry.of(key);
    List<WatchEvent<?>> events = key.pollEvents();
    if (!key.reset()) {
      registry.forget(key);
    }
    if (dir == null) {
      return;
    }
    boolean overflow = false;
    List<String> names = new ArrayList<>(events.size());
    for (WatchEvent<?> event : events) {
      if (event.kind() == OVERFLOW) {
        overflow = true;
      } else if (event.context() instanceof Path name) {
        names.add(name.toString());
      }
    }
    if (overflow) {
      scanner.rescan(dir);
    } else {
      for (String name : new LinkedHashSet<>(names)) {
        scanner.entryChanged(dir, name);
      }
    }
  }

  private void followLater(FollowedTask task) {
    pending.add(task);
  }

  /**
   * Reads the streams of the pending tasks. Many at once (the first scan, a rescan) are read on
   * every core; their transitions are then told here, each task's in stream order.
   */
  private void followPending() {
    List<FollowedTask> tasks = new ArrayList<>(pending);
    pending.clear();
    double now = clock.getAsDouble();
    List<List<Transition>> read = (tasks.size() < PARALLEL_FROM ? tasks.stream()
        : tasks.parallelStream()).map(task -> catchUp(task, now)).toList();
    for (List<Transition> transitions : read) {
      for (Transition t : transitions) {
        tell(t);
      }
    }
  }

  private List<Transition> catchUp(FollowedTask task, double now) {
    long launch = task.launchTimeMs();
    List<Transition> transitions = task.catchUp(now);
    task.sideFiles().readChanged(task.paths().checkpointDirectory(task.taskId()));
    if (task.launchTimeMs() != launch) {
      index.changed();
    }
    return transitions;
  }

  private void tell(Transition t) {
    for (TransitionListener listener : listeners) {
      try {
        listener.onTransition(t);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a transition listener failed", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static final Set<WatchEvent.Kind<?>> KINDS = Set.of(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
}
