package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskIdMatch;
import dev.thermos.inspect.TaskKill;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos kill}: end active tasks, through their runner when it is alive. */
@Command(
    name = "kill",
    description = {"Kill active tasks whose id matches a regex (at its start, as Aurora's).",
        "A live runner is asked to stop (SIGTERM: CLEANING, finalizers, KILLED) and followed; "
            + "without one, or with --force, the task is ended here: processes SIGKILLed, "
            + "KILLED/LOST records appended, the task file moved to finished."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every matched task ended", "1:no active task matched, or one failed",
        "2:usage", "4:a corrupt checkpoint", "5:locked by a process that is not the runner"})
public final class KillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "--force",
      description = "Aurora's kill: SIGKILL the runner and every process, no finalizers.")
  boolean force;

  @Parameters(arity = "1..*", paramLabel = "TASK_REGEX", description = "Task id patterns.")
  List<String> patterns;

  @Override
  public Integer call() throws IOException {
    Path dir = root.root();
    List<String> ids;
    try {
      List<String> active = TaskIdMatch.ids(dir, TaskPaths.TaskFileState.ACTIVE);
      ids = TaskIdMatch.select(active, patterns, true);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (ids.isEmpty()) {
      out.println("No active tasks matched.");
      out.flush();
      return ExitCode.FAILURE;
    }
    int code = ExitCode.OK;
    for (String id : ids) {
      int c = killOne(dir, id, out);
      code = code == ExitCode.OK ? c : code;
    }
    return code;
  }

  private int killOne(Path dir, String id, PrintWriter out) {
    TaskKill kill = new TaskKill(dir, Clock.systemUTC(), note -> {
      out.println(id + ": " + note);
      out.flush();
    });
    try {
      Optional<TaskState> end = kill.kill(id, force);
      out.println("Killing " + id + "...done." + suffix(end, TaskState.KILLED));
      out.flush();
      return ExitCode.OK;
    } catch (IOException | RuntimeException e) {
      return TaskFailure.report(spec, id, e);
    }
  }

  /** Nothing when the task ended as asked, else how it ended (it may have ended on its own). */
  static String suffix(Optional<TaskState> end, TaskState asked) {
    return end.filter(s -> s != asked).map(s -> " (" + s + ")").orElse("");
  }
}
