package dev.thermos.format;

import java.nio.file.Path;

/**
 * Aurora's directory layout, in one place.
 *
 * <pre>
 * {root}/tasks/active/{task_id}                  task JSON while the task is live
 * {root}/tasks/finished/{task_id}                the same file once the task is terminal
 * {root}/checkpoints/{task_id}/runner            the runner's checkpoint stream
 * {root}/checkpoints/{task_id}/coordinator.{p}   one stream per process, all its runs
 * {log_dir}/{process}/{run}/stdout, stderr       log_dir defaults to {sandbox}/.logs
 * </pre>
 */
public final class TaskPaths {
  /** Whether a task's JSON file sits under {@code active} or {@code finished}. */
  public enum TaskFileState {
    ACTIVE("active"),
    FINISHED("finished");

    private final String directory;

    TaskFileState(String directory) {
      this.directory = directory;
    }

    public String directory() {
      return directory;
    }
  }

  private final Path root;

  public TaskPaths(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path tasksDirectory(TaskFileState state) {
    return root.resolve("tasks").resolve(state.directory());
  }

  public Path taskFile(TaskFileState state, String taskId) {
    return tasksDirectory(state).resolve(checkedId(taskId));
  }

  public Path checkpointDirectory(String taskId) {
    return root.resolve("checkpoints").resolve(checkedId(taskId));
  }

  public Path runnerCheckpoint(String taskId) {
    return checkpointDirectory(taskId).resolve("runner");
  }

  /**
   * Where a runner keeps a stop it was asked for (ours only; Aurora's tools ignore the file), so
   * that a runner restarted after a crash carries it out.
   */
  public Path stopRequest(String taskId) {
    return checkpointDirectory(taskId).resolve("runner.stop");
  }

  /**
   * The stop signals a runner sent to single runs, with why ({@code stops.jsonl}: one JSON object
   * per line, appended and synced before each signal; ours only, like {@link #stopRequest}).
   */
  public Path stopJournal(String taskId) {
    return checkpointDirectory(taskId).resolve("stops.jsonl");
  }

  /** The live health of the task's health-checked processes ({@code health.json}; ours only). */
  public Path healthFile(String taskId) {
    return checkpointDirectory(taskId).resolve("health.json");
  }

  /** Where a runner records the path of the task's cgroup (ours only, like {@link #stopRequest}). */
  public Path cgroupRecord(String taskId) {
    return checkpointDirectory(taskId).resolve("runner.cgroup");
  }

  public Path coordinatorCheckpoint(String taskId, String process) {
    return checkpointDirectory(taskId).resolve("coordinator." + checkedName(process));
  }

  /** The default log directory of a sandbox. */
  public static Path defaultLogDir(Path sandbox) {
    return sandbox.resolve(".logs");
  }

  public static Path processLogDir(Path logDir, String process, int run) {
    if (run < 0) {
      throw new IllegalArgumentException("negative run " + run);
    }
    return logDir.resolve(checkedName(process)).resolve(Integer.toString(run));
  }

  public static Path stdout(Path logDir, String process, int run) {
    return processLogDir(logDir, process, run).resolve("stdout");
  }

  public static Path stderr(Path logDir, String process, int run) {
    return processLogDir(logDir, process, run).resolve("stderr");
  }

  /** Task ids become one path component: no separators, not "." or "..", not empty. */
  /** True when {@code taskId} can name a file: not empty, ".", "..", and no '/' or NUL. */
  public static boolean isValidId(String taskId) {
    return !taskId.isEmpty() && !taskId.contains("/") && !taskId.equals(".")
        && !taskId.equals("..") && taskId.indexOf('\0') < 0;
  }

  private static String checkedId(String taskId) {
    if (!isValidId(taskId)) {
      throw new IllegalArgumentException("invalid task id '" + taskId + "'");
    }
    return taskId;
  }

  /** Process names follow Aurora's rule {@code ^[^./][^/]*$}. */
  private static String checkedName(String process) {
    if (process.isEmpty() || process.startsWith(".") || process.startsWith("/")
        || process.contains("/") || process.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid process name '" + process + "'");
    }
    return process;
  }
}
