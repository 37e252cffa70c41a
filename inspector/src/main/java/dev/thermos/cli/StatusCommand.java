package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.format.TaskPaths;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LockTable;
import dev.thermos.monitor.TaskSideFiles;
import dev.thermos.runner.RestartWaits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thermos status}: list the tasks of a root, Aurora's way or as JSON. Never locks. */
@Command(
    name = "status",
    description = {"Get the status of task(s).",
        "REGEX matches task ids from the start (Python's re.match); default: every task."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:tasks were listed (a corrupt stream is listed with its error)",
        "1:no task matched (--json prints [])", "2:usage error", "3:the root does not exist"})
public final class StatusCommand implements Callable<Integer> {
  /** Which task files {@code --only} keeps. */
  enum Only { active, finished }

  private static final int CHUNK = 512;

  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "-v", description = "More detail; repeat for more: -v state and start time, "
      + "-vv user, ports and sandbox, -vvv the process table.")
  boolean[] verbose = {};

  @Option(names = "--verbosity", paramLabel = "N", hidden = true,
      description = "Aurora's spelling of -v (a level).")
  int verbosity;

  @Option(names = "--only", paramLabel = "active|finished",
      description = "Only tasks of this kind: ${COMPLETION-CANDIDATES}.")
  Only only;

  @Option(names = "--json", description = "A JSON array, one object per task (see the README).")
  boolean json;

  @Parameters(paramLabel = "REGEX", arity = "0..*", description = "Task ids or regexes.")
  List<String> regexes = List.of();

  @Override
  public Integer call() throws IOException {
    Path dir = root.root();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the root does not exist");
    }
    TaskDetector detector = new TaskDetector(dir);
    TaskSelector selector = new TaskSelector(detector);
    List<DetectedTask> active = only == Only.finished ? List.of()
        : selector.matching(regexes, TaskFileState.ACTIVE);
    List<DetectedTask> finished = only == Only.active ? List.of()
        : selector.matching(regexes, TaskFileState.FINISHED);
    PrintWriter out = spec.commandLine().getOut();
    boolean none = active.isEmpty() && finished.isEmpty();
    LockTable locks = active.isEmpty() ? null : LockTable.read();
    if (json) {
      printJson(detector.paths(), active, finished, locks, out);
    } else if (none) {
      out.println("No tasks found.");
    } else {
      printSection("Active tasks:", detector.paths(), active, locks, out);
      printSection("Finished tasks:", detector.paths(), finished, locks, out);
    }
    out.flush();
    return none ? ExitCode.FAILURE : ExitCode.OK;
  }

  private static void printJson(TaskPaths paths, List<DetectedTask> active,
      List<DetectedTask> finished, LockTable locks, PrintWriter out) throws IOException {
    List<DetectedTask> all = new java.util.ArrayList<>(active);
    all.addAll(finished);
    try (StatusJsonRenderer renderer = new StatusJsonRenderer(out)) {
      // Read a chunk of streams on every core, then render it in order.
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<TaskSummary> chunk = all.subList(from, Math.min(all.size(), from + CHUNK))
            .parallelStream().map(task -> TaskSummary.read(paths, task)).toList();
        List<TaskSideFiles> sides = chunk.parallelStream()
            .map(t -> TaskSideFiles.read(paths.checkpointDirectory(t.taskId()))).toList();
        for (int i = 0; i < chunk.size(); i++) {
          TaskSummary summary = chunk.get(i);
          renderer.render(summary, RunnerLiveness.of(paths, summary, locks), sides.get(i));
        }
      }
    }
  }

  private void printSection(String title, TaskPaths paths, List<DetectedTask> tasks,
      LockTable locks, PrintWriter out) {
    if (tasks.isEmpty()) {
      return;
    }
    int level = Math.max(verbose.length, verbosity);
    List<TaskSummary> summaries = level == 0 ? null
        : tasks.parallelStream().map(task -> TaskSummary.read(paths, task)).toList();
    StatusTextRenderer renderer = new StatusTextRenderer(out, level, ZoneId.systemDefault(),
        tasks.stream().mapToInt(t -> t.taskId().length()).max().orElse(0),
        summaries == null ? 0 : summaries.stream()
            .mapToInt(t -> t.taskState().name().length()).max().orElse(0));
    out.println(title);
    for (int i = 0; i < tasks.size(); i++) {
      DetectedTask task = tasks.get(i);
      TaskSummary summary = summaries == null ? null : summaries.get(i);
      RunnerLiveness runner = summary == null ? null : RunnerLiveness.of(paths, summary, locks);
      renderer.render(task.taskId(), owner(paths.runnerCheckpoint(task.taskId())), summary,
          runner, summary == null ? null : RunnerLiveness.resumeCommand(paths, summary),
          level == 2 && runner != null && runner.alive() ? restarting(paths, summary) : Map.of(),
          summary != null ? TaskSideFiles.read(paths.checkpointDirectory(task.taskId()))
              : TaskSideFiles.NONE);
    }
    out.println();
  }

  /**
   * How long each process of a live task waits before its next run, from its stored task file;
   * nothing when that file cannot be read.
   */
  private static Map<String, Double> restarting(TaskPaths paths, TaskSummary summary) {
    try {
      TaskConfig task = TaskConfigLoader.load(paths.taskFile(TaskFileState.ACTIVE,
          summary.taskId()));
      return RestartWaits.of(task, summary.state().getProcesses(),
          System.currentTimeMillis() / 1000.0);
    } catch (InvalidTaskException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The checkpoint's owner, {@code uid:N} when the uid has no name, {@code ?} without a file. */
  static String owner(Path checkpoint) {
    try {
      String name = Files.getOwner(checkpoint).getName();
      Object uid = Files.getAttribute(checkpoint, "unix:uid");
      return name.equals(String.valueOf(uid)) ? "uid:" + uid : name;
    } catch (IOException | UnsupportedOperationException e) {
      return "?";
    }
  }
}
