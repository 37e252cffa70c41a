package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.inspect.GarbageCollector;
import dev.thermos.inspect.GcPolicy;
import dev.thermos.inspect.GcScanner;
import dev.thermos.inspect.GcTarget;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos gc}: remove finished tasks' sandboxes, logs and metadata. */
@Command(
    name = "gc",
    description = {"Remove finished tasks: sandbox, logs, checkpoints and task file, oldest first, "
        + "by age, count or space, or the TASKs named (whole-id regexes). Never an active task, "
        + "one whose checkpoint is locked, or anything outside the task's sandbox, log "
        + "directory and metadata; symbolic links are removed, never followed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:collected (or nothing to collect, or --dry-run)",
        "1:a named task matched nothing or was skipped, something could not be removed, "
            + "or no confirmation", "2:usage", "3:no such root"})
public final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = {"--max-age", "--max_age"}, paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Collect tasks finished longer ago than this (30s, 10m, 2h, 7d).")
  Duration maxAge;

  @Option(names = {"--max-tasks", "--max_tasks"}, paramLabel = "N", description = "Keep at most N finished tasks.")
  Integer maxTasks;

  private static final java.time.format.DateTimeFormatter LOCAL_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .withZone(java.time.ZoneId.systemDefault());

  @Option(names = {"--max-space", "--max_space"}, paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Keep at most this much (500K, 10M, 1G), the newest tasks first.")
  Long maxSpace;

  @Option(names = "--keep-logs", negatable = true, description = "Leave the log directories "
      + "(--no-keep-logs, or Aurora's --delete-logs: remove them, the default).")
  boolean keepLogs;

  @Option(names = "--delete-logs", hidden = true, description = "Aurora's spelling of the default.")
  void deleteLogs(boolean delete) {
    keepLogs = !delete;
  }

  @Option(names = "--keep-metadata", negatable = true, description = "Leave the checkpoints and "
      + "task files (--no-keep-metadata, or Aurora's --delete-metadata: remove them, the default).")
  boolean keepMetadata;

  @Option(names = "--delete-metadata", hidden = true,
      description = "Aurora's spelling of the default.")
  void deleteMetadata(boolean delete) {
    keepMetadata = !delete;
  }

  @Option(names = {"--dry-run", "--dryrun"}, description = "Show what would be removed; "
      + "remove nothing.")
  boolean dryRun;

  @Option(names = {"-y", "--yes", "--force"}, description = "Do not ask for confirmation "
      + "(--force is Aurora's spelling).")
  boolean yes;

  @Parameters(arity = "0..*", paramLabel = "TASK", description = "Finished task id regexes.")
  List<String> tasks = List.of();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    checkLimits();
    GcScanner scanner = new GcScanner(root.root(), keepLogs, keepMetadata);
    List<String> named = named();
    if (named != null && named.isEmpty()) {
      out.println("No finished tasks matched.");
      out.flush();
      return ExitCode.FAILURE;
    }
    GcScanner.Scan scan = scanner.scan(named);
    scan.skipped().forEach(s -> warn("skipped " + s));
    List<GcTarget> chosen = named != null
        ? GcPolicy.oldestFirst(scan.targets())
        : policy().select(scan.targets(), Instant.now());
    int failure = named != null && !scan.skipped().isEmpty() ? ExitCode.FAILURE : ExitCode.OK;
    out.println("Analyzing root at " + root.root() + ": " + chosen.size() + " of "
        + Sizes.plural(scan.targets().size(), "collectable finished task") + " selected.");
    if (chosen.isEmpty()) {
      out.println("Nothing to collect.");
      out.flush();
      return failure;
    }
    chosen.forEach(t -> out.println("  " + describe(t)));
    long total = chosen.stream().mapToLong(GcTarget::bytes).sum();
    if (dryRun) {
      out.println("Dry run: would free " + amount(total) + " from "
          + Sizes.plural(chosen.size(), "task") + ".");
      out.flush();
      return failure;
    }
    out.flush();
    if (!Confirmation.ask(spec, yes, "Continue")) {
      return ExitCode.FAILURE;
    }
    return Math.max(failure, collect(chosen, out));
  }

  /** Without a TASK a limit is needed; limits are never negative. */
  private void checkLimits() {
    if (tasks.isEmpty() && maxAge == null && maxTasks == null && maxSpace == null) {
      throw new UsageException("nothing selects tasks to collect: give --max-age, --max-tasks, "
          + "--max-space or finished TASK ids");
    }
    if (maxTasks != null && maxTasks < 0) {
      throw new UsageException("--max-tasks " + maxTasks + ": must be 0 or more");
    }
    if (maxAge != null && maxAge.isNegative()) {
      throw new UsageException("--max-age " + maxAge + ": must not be negative");
    }
  }

  /** A total: readable, then exact ({@code 1.5 KiB (1536 bytes)}). */
  private static String amount(long bytes) {
    return bytes < 1024 ? Sizes.human(bytes) : Sizes.human(bytes) + " (" + bytes + " bytes)";
  }

  private List<String> named() throws IOException {
    if (tasks.isEmpty()) {
      return null;
    }
    if (maxAge != null || maxTasks != null || maxSpace != null) {
      throw new UsageException("name TASKs or give --max-age/--max-tasks/--max-space, not both");
    }
    return new TaskSelector(new TaskDetector(root.root()))
        .idsMatchingWhole(tasks, TaskPaths.TaskFileState.FINISHED);
  }

  private GcPolicy policy() {
    try {
      return new GcPolicy(maxAge, maxTasks == null ? Integer.MAX_VALUE : maxTasks,
          maxSpace == null ? Long.MAX_VALUE : maxSpace);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private int collect(List<GcTarget> chosen, PrintWriter out) throws IOException {
    GarbageCollector collector = new GarbageCollector(scannerRoot());
    long freed = 0;
    int collected = 0;
    int code = ExitCode.OK;
    for (GcTarget t : chosen) {
      try {
        GarbageCollector.Collected c = collector.collect(t);
        List<String> left = c.left().stream().filter(l -> !l.endsWith("(kept)")).toList();
        left.forEach(l -> warn(t.taskId() + ": left " + l));
        code = left.isEmpty() ? code : ExitCode.FAILURE;
        out.println("removed " + t.taskId() + ": " + Sizes.human(c.bytes()));
        out.flush();
        freed += c.bytes();
        collected++;
      } catch (IOException e) {
        warn("skipped " + t.taskId() + ": " + e.getMessage());
        code = ExitCode.FAILURE;
      }
    }
    out.println("Freed " + amount(freed) + " from " + Sizes.plural(collected, "task") + ".");
    out.flush();
    return code;
  }

  private Path scannerRoot() throws IOException {
    return root.root().toRealPath();
  }

  private static String describe(GcTarget t) {
    return t.taskId() + " (" + LOCAL_TIME.format(t.lastModified()) + ", "
        + Sizes.human(t.bytes()) + "): "
        + t.areas().stream().map(a -> a.kind() + " " + a.path()).collect(Collectors.joining(", "));
  }

  private void warn(String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    spec.commandLine().getErr().flush();
  }
}
