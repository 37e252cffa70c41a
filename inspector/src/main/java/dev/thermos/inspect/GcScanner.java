package dev.thermos.inspect;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.monitor.TaskDetector;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what gc may collect under a root: finished tasks only, never one that is also active,
 * never one whose runner checkpoint is locked (probed and released), never one with a sandbox or
 * log directory {@link AreaGuard} refuses. Sizes come from a dry run of the removal itself.
 */
public final class GcScanner {
  /**
   * The scan.
   *
   * @param targets the finished tasks that may be collected
   * @param skipped one line per finished task that may not, with the reason
   */
  public record Scan(List<GcTarget> targets, List<String> skipped) {}

  private final TaskPaths paths;
  private final AreaGuard guard;
  private final boolean keepLogs;
  private final boolean keepMetadata;
  /** The uid in each task's header: the owner its sandbox marker must have. */
  private final Map<String, Integer> uids = new java.util.HashMap<>();

  public GcScanner(Path root, boolean keepLogs, boolean keepMetadata) throws IOException {
    this.guard = new AreaGuard(root);
    this.paths = new TaskPaths(guard.root());
    this.keepLogs = keepLogs;
    this.keepMetadata = keepMetadata;
  }

  /** Scans the finished tasks {@code ids} (all finished tasks when null). */
  public Scan scan(List<String> ids) throws IOException {
    TaskDetector detector = new TaskDetector(paths.root());
    List<String> active = detector.ids(TaskPaths.TaskFileState.ACTIVE);
    List<String> finished = detector.ids(TaskPaths.TaskFileState.FINISHED);
    Set<String> activeIds = new HashSet<>(active);
    Map<String, List<Path>> areas = new LinkedHashMap<>();
    AreaIndex index = new AreaIndex();
    for (String id : union(active, finished)) {
      List<Path> own = areasOf(id);
      areas.put(id, own);
      own.forEach(area -> index.add(id, AreaGuard.realOrNormal(area)));
    }
    List<GcTarget> targets = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String id : ids == null ? finished : ids) {
      try {
        targets.add(target(id, activeIds.contains(id), areas.getOrDefault(id, List.of()), index));
      } catch (IOException e) {
        skipped.add(id + ": " + e.getMessage());
      }
    }
    return new Scan(targets, skipped);
  }

  private GcTarget target(String id, boolean active, List<Path> own, AreaIndex index)
      throws IOException {
    Path checkpoint = paths.runnerCheckpoint(id);
    Path taskFile = paths.taskFile(TaskPaths.TaskFileState.FINISHED, id);
    if (active) {
      throw new IOException("also active; not collected");
    }
    if (Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)
        && CheckpointLock.isHeld(checkpoint)) {
      throw new IOException("runner checkpoint locked; not collected");
    }
    List<GcTarget.Area> out = new ArrayList<>();
    int uid = uids.getOrDefault(id, LibC.getuid());
    Optional<Path> sandbox = own.isEmpty() ? Optional.empty()
        : guard.check(own.get(0), id, uid, index);
    Optional<Path> logs = own.size() < 2 ? Optional.empty()
        : guard.checkLogs(own.get(1), own.get(0), sandbox, id, uid, index);
    Set<Path> keep = keepLogs && logs.isPresent() ? Set.of(logs.get()) : Set.of();
    if (sandbox.isPresent()) {
      out.add(area("sandbox", sandbox.get(), keep));
    }
    if (logs.isPresent() && !keepLogs
        && (sandbox.isEmpty() || !logs.get().startsWith(sandbox.get()))) {
      out.add(area("logs", logs.get(), Set.of()));
    }
    if (!keepMetadata) {
      out.add(area("checkpoints", AreaGuard.realOrNormal(paths.checkpointDirectory(id)), Set.of()));
      out.add(area("task file", AreaGuard.realOrNormal(taskFile), Set.of()));
    }
    return new GcTarget(id, lastModified(checkpoint, taskFile), out);
  }

  private static GcTarget.Area area(String kind, Path path, Set<Path> keep) throws IOException {
    return new GcTarget.Area(kind, path, keep, TreeRemover.remove(path, keep, true).bytes());
  }

  /** The task's sandbox and log directory from its header; none when it cannot be read. */
  private List<Path> areasOf(String id) {
    RunnerHeader h = header(paths.runnerCheckpoint(id));
    if (h == null || !h.isSetSandbox() || h.getSandbox().isEmpty()) {
      return List.of();
    }
    if (h.isSetUid()) {
      uids.put(id, h.getUid());
    }
    Path sandbox = Path.of(h.getSandbox());
    Path logs = h.isSetLogDir() && !h.getLogDir().isEmpty() ? Path.of(h.getLogDir())
        : TaskPaths.defaultLogDir(sandbox);
    return List.of(sandbox, logs);
  }

  /** The header: the stream is read only up to it. */
  static RunnerHeader header(Path checkpoint) {
    if (!Files.isRegularFile(checkpoint, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (CheckpointReader reader = CheckpointReader.openInTask(checkpoint)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        if (r.isSetRunnerHeader()) {
          return r.getRunnerHeader();
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private static Instant lastModified(Path checkpoint, Path taskFile) throws IOException {
    Path p = Files.exists(checkpoint, LinkOption.NOFOLLOW_LINKS) ? checkpoint : taskFile;
    return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
