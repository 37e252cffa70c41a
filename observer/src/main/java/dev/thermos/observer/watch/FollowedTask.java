package dev.thermos.observer.watch;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskStatus;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.RunningProcess;
import dev.thermos.observer.event.Transition;
import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One task of a root as the observer knows it: where its task file is, and its runner stream
 * followed incrementally. {@link #catchUp} reads only the records appended since the last call,
 * from the byte offset it stopped at (a file opened, read and closed each time: no descriptor is
 * kept per task). A torn tail is left for the next call; a corrupt or invalid stream stops the
 * following (the state before the bad record is kept) until the file is replaced (another inode,
 * or shorter than what was read). Thread-safe: the watcher writes, HTTP threads take snapshots.
 */
public final class FollowedTask {
  private final String taskId;
  private final TaskPaths paths;
  private volatile TaskFileState fileState;
  private volatile long taskFileMtimeMs;
  private volatile long launchTimeMs;
  private volatile String name;
  private volatile Object rendered;
  private final TaskSideFiles sideFiles = new TaskSideFiles();

  private Replayer replayer = new Replayer();
  private TransitionDecoder decoder = new TransitionDecoder();
  private long offset;
  private long recordIndex;
  private long inode = -1;
  private volatile long device = -1;
  private long sizeRead = -1;
  private String error;
  private OptionalLong tornAt = OptionalLong.empty();
  /** The last {@link #snapshot()}, until the next change (pages ask for the same tasks often). */
  private TaskSummary snapshot;

  FollowedTask(String taskId, TaskPaths paths) {
    this.taskId = taskId;
    this.paths = paths;
  }

  public String taskId() {
    return taskId;
  }

  public TaskPaths paths() {
    return paths;
  }

  /** Where the task file is; null when there is none (a checkpoint without a task file). */
  public TaskFileState fileState() {
    return fileState;
  }

  synchronized void fileState(TaskFileState state, long mtimeMs) {
    this.fileState = state;
    this.snapshot = null;
    this.taskFileMtimeMs = mtimeMs;
    updateLaunchTime();
  }

  /** The task's name from its task file, once someone read it (the file does not change). */
  public String cachedName() {
    return name;
  }

  public void cacheName(String name) {
    this.name = name;
  }

  /**
   * The device and inode of the runner checkpoint last read ({@code [-1, -1]} before), to look its
   * lock holder up without a {@code stat}.
   */
  public synchronized long[] checkpointIdentity() {
    return new long[] {device, inode};
  }

  /**
   * What the HTTP side last rendered of this task (its own cache, opaque here: it lives and dies
   * with the task).
   */
  public Object rendered() {
    return rendered;
  }

  public void rendered(Object value) {
    this.rendered = value;
  }

  /** What the task's side files ({@code health.json}, {@code stops.jsonl}) said when last read. */
  public SideFacts sideFacts() {
    return sideFiles.facts();
  }

  TaskSideFiles sideFiles() {
    return sideFiles;
  }

  /** The runner checkpoint. */
  public Path checkpoint() {
    return paths.runnerCheckpoint(taskId);
  }

  /**
   * The order of the index, newest first: the header's launch time, else the first task status's
   * time, else the task file's modification time.
   */
  public long launchTimeMs() {
    return launchTimeMs;
  }

  /**
   * Applies the records appended since the last call.
   *
   * @return their transitions, in stream order
   */
  synchronized List<Transition> catchUp(double nowSeconds) {
    Path file = checkpoint();
    FileStat stat;
    try {
      stat = FileStat.of(file, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      error = "cannot read: " + e.getMessage();
      snapshot = null;
      return List.of();
    }
    if (inode >= 0 && (stat.inode() != inode || stat.sizeBytes() < offset)) {
      reset(); // another file: a task removed and started again under the same id
    }
    if (stat.inode() == inode && stat.sizeBytes() == sizeRead) {
      return List.of();
    }
    inode = stat.inode();
    device = stat.device();
    sizeRead = stat.sizeBytes();
    snapshot = null;
    if (error != null) {
      return List.of();
    }
    List<Transition> out = new ArrayList<>();
    try (SafeDirectory dir = SafeDirectory.openLeaf(file.getParent(), false);
        CheckpointReader reader = CheckpointReader.open(dir, "runner", offset, recordIndex)) {
      read(reader, nowSeconds, out);
    } catch (CheckpointException e) {
      error = TaskSummary.describe(e);
      tornAt = OptionalLong.empty();
    } catch (NoSuchFileException e) {
      sizeRead = -1;
    } catch (UnsafePathException e) {
      error = "not read: " + (e.path().equals(file.toAbsolutePath().normalize())
          ? e.reason() : e.getMessage());
    } catch (IOException e) {
      error = "cannot read: " + e.getMessage();
    }
    updateLaunchTime();
    return out;
  }

  private void read(CheckpointReader reader, double nowSeconds, List<Transition> out)
      throws IOException {
    try {
      CheckpointReplay.replay(reader, replayer, (record, index) -> {
        Transition t = decoder.decode(taskId, record, replayer.state(), index, nowSeconds);
        if (t != null) {
          out.add(t);
        }
      });
      tornAt = reader.tornAt();
    } finally {
      offset = reader.offset();
      recordIndex = reader.recordIndex();
    }
  }

  private void reset() {
    snapshot = null;
    replayer = new Replayer();
    decoder = new TransitionDecoder();
    offset = 0;
    recordIndex = 0;
    sizeRead = -1;
    error = null;
    tornAt = OptionalLong.empty();
  }

  private void updateLaunchTime() {
    long launch = taskFileMtimeMs;
    synchronized (this) {
      RunnerHeader header = replayer.state().getHeader();
      List<TaskStatus> statuses = replayer.state().getStatuses();
      if (header != null && header.isSetLaunchTimeMs()) {
        launch = header.getLaunchTimeMs();
      } else if (!statuses.isEmpty() && statuses.get(0).isSetTimestampMs()) {
        launch = statuses.get(0).getTimestampMs();
      }
    }
    launchTimeMs = launch;
  }

  /**
   * The task as {@code status} reads it, a copy (later records do not change it); null when the
   * task has no task file.
   */
  public synchronized TaskSummary snapshot() {
    TaskFileState state = fileState;
    if (state == null) {
      return null;
    }
    if (snapshot == null) {
      snapshot = takeSnapshot(state);
    }
    return snapshot;
  }

  private TaskSummary takeSnapshot(TaskFileState state) {
    Optional<String> why = Optional.ofNullable(error);
    if (why.isEmpty() && inode < 0) {
      why = Optional.of("no runner checkpoint");
    }
    return new TaskSummary(new DetectedTask(taskId, state), checkpoint(),
        replayer.state().deepCopy(), why, why.isPresent() ? OptionalLong.empty() : tornAt);
  }

  /** The runs the stream says are RUNNING (with a pid), while the task file is active. */
  synchronized List<RunningProcess> running() {
    if (fileState != TaskFileState.ACTIVE) {
      return List.of();
    }
    RunnerHeader header = replayer.state().getHeader();
    Path sandbox = header != null && header.isSetSandbox() ? Path.of(header.getSandbox()) : null;
    List<RunningProcess> out = new ArrayList<>();
    for (Map.Entry<String, List<ProcessStatus>> e : replayer.state().getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      ProcessStatus last = runs.get(runs.size() - 1);
      if (last.getState() == ProcessState.RUNNING && last.isSetPid()) {
        out.add(new RunningProcess(taskId, e.getKey(), runs.size() - 1, last.getPid(),
            last.getStartTime(), sandbox));
      }
    }
    return out;
  }
}
