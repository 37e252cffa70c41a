package dev.thermos.observer.watch;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.observer.event.RunningProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every task of every root, by id, and its order for paging: newest launch first, then by id. A
 * task id names one task across the roots (as in Aurora's observer): a second root with the same
 * id is ignored. Only tasks with a task file are listed. The sorted lists are rebuilt after a
 * task appeared, moved, went away or learned its launch time, by the watcher at the end of that
 * round of events ({@link #prepare}) or else by the first read, so that paging is a sublist of a
 * prepared array.
 */
public final class TaskIndex {
  /** Which tasks a listing covers. */
  public enum Which {
    ALL, ACTIVE, FINISHED;

    /** {@code all}, {@code active} or {@code finished}; null for anything else. */
    public static Which parse(String name) {
      return switch (name) {
        case "all" -> ALL;
        case "active" -> ACTIVE;
        case "finished" -> FINISHED;
        default -> null;
      };
    }
  }

  /**
   * One page of a listing.
   *
   * @param total how many tasks match
   * @param offset where the page starts
   * @param tasks the page, newest first
   */
  public record Page(int total, int offset, List<FollowedTask> tasks) {}

  private record Sorted(List<FollowedTask> all, List<FollowedTask> active,
      List<FollowedTask> finished) {}

  private final ConcurrentHashMap<String, FollowedTask> tasks = new ConcurrentHashMap<>();
  private final Object sortLock = new Object();
  private volatile boolean dirty = true;
  private Sorted sorted;

  /** The listed task {@code taskId} (one with a task file), or null. */
  public FollowedTask get(String taskId) {
    FollowedTask t = tasks.get(taskId);
    return t == null || t.fileState() == null ? null : t;
  }

  /** The task {@code taskId} of {@code paths}'s root, made when new; null when another root has it. */
  FollowedTask getOrCreate(String taskId, TaskPaths paths) {
    FollowedTask t = tasks.computeIfAbsent(taskId, id -> new FollowedTask(id, paths));
    return t.paths().root().equals(paths.root()) ? t : null;
  }

  /** The task {@code taskId} of {@code paths}'s root, or null. */
  FollowedTask find(String taskId, TaskPaths paths) {
    FollowedTask t = tasks.get(taskId);
    return t != null && t.paths().root().equals(paths.root()) ? t : null;
  }

  void remove(FollowedTask task) {
    tasks.remove(task.taskId(), task);
    changed();
  }

  /** Tells the index that a task appeared, moved, went away or changed its launch time. */
  void changed() {
    dirty = true;
  }

  /** Every task of one root (listed or not). */
  List<FollowedTask> tasksOf(TaskPaths paths) {
    List<FollowedTask> out = new ArrayList<>();
    for (FollowedTask t : tasks.values()) {
      if (t.paths().root().equals(paths.root())) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Up to {@code limit} tasks from {@code offset} (negative: counted from the end) of those in
   * {@code which} whose id contains {@code query} (null: every one), newest first.
   */
  public Page page(Which which, int offset, int limit, String query) {
    List<FollowedTask> list = switch (which) {
      case ALL -> sorted().all();
      case ACTIVE -> sorted().active();
      case FINISHED -> sorted().finished();
    };
    if (query != null && !query.isEmpty()) {
      List<FollowedTask> matching = new ArrayList<>();
      for (FollowedTask t : list) {
        if (t.taskId().contains(query)) {
          matching.add(t);
        }
      }
      list = matching;
    }
    int total = list.size();
    int from = offset < 0 ? Math.max(0, total + offset) : Math.min(offset, total);
    int to = (int) Math.min(total, (long) from + Math.max(0, limit));
    return new Page(total, from, List.copyOf(list.subList(from, to)));
  }

  /** How many tasks are listed in {@code which}. */
  public int count(Which which) {
    Sorted s = sorted();
    return switch (which) {
      case ALL -> s.all().size();
      case ACTIVE -> s.active().size();
      case FINISHED -> s.finished().size();
    };
  }

  /** The runs the streams of active tasks say are RUNNING, for the sampler. */
  public List<RunningProcess> runningProcesses() {
    List<RunningProcess> out = new ArrayList<>();
    for (FollowedTask t : sorted().active()) {
      out.addAll(t.running());
    }
    return out;
  }

  /**
   * Sorts now if a change made the order stale, so that the next request finds it sorted (the
   * watcher calls this after each round of events: 11,000 tasks take milliseconds to sort, which a
   * request would otherwise spend, with every other listing waiting on it).
   */
  void prepare() {
    if (dirty) {
      sorted();
    }
  }

  private Sorted sorted() {
    synchronized (sortLock) {
      if (dirty || sorted == null) {
        dirty = false;
        sorted = sort();
      }
      return sorted;
    }
  }

  private Sorted sort() {
    record Keyed(long launchTimeMs, TaskFileState state, FollowedTask task) {}
    List<Keyed> keyed = new ArrayList<>(tasks.size());
    for (FollowedTask t : tasks.values()) {
      TaskFileState state = t.fileState();
      if (state != null) {
        keyed.add(new Keyed(t.launchTimeMs(), state, t));
      }
    }
    Keyed[] array = keyed.toArray(new Keyed[0]);
    Arrays.sort(array, Comparator.comparingLong(Keyed::launchTimeMs).reversed()
        .thenComparing(k -> k.task().taskId()));
    List<FollowedTask> all = new ArrayList<>(array.length);
    List<FollowedTask> active = new ArrayList<>();
    List<FollowedTask> finished = new ArrayList<>();
    for (Keyed k : array) {
      all.add(k.task());
      (k.state() == TaskFileState.ACTIVE ? active : finished).add(k.task());
    }
    return new Sorted(List.copyOf(all), List.copyOf(active), List.copyOf(finished));
  }
}
