package dev.thermos.cli;

import dev.thermos.format.TaskPaths;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
        "An exact task id kills that task; a pattern matching several tasks lists them and asks "
            + "on a terminal (elsewhere it needs -y).",
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

  @Option(names = {"-y", "--yes"},
      description = "Kill every task a pattern matches without asking.")
  boolean yes;

  @Parameters(arity = "1..*", paramLabel = "TASK_REGEX", description = "Task id patterns.")
  List<String> patterns;

  @Override
  public Integer call() throws IOException {
    Path dir = root.root();
    TaskSelector selector = new TaskSelector(new TaskDetector(dir));
    Set<DetectedTask> tasks = new LinkedHashSet<>();
    boolean several = false;
    for (String pattern : patterns) {
      List<DetectedTask> matched = selector.exactOrMatching(pattern, TaskPaths.TaskFileState.ACTIVE);
      several |= matched.size() > 1;
      tasks.addAll(matched);
    }
    if (tasks.isEmpty()) {
      spec.commandLine().getOut().println("No active tasks matched.");
      spec.commandLine().getOut().flush();
      return ExitCode.FAILURE;
    }
    if (several && !confirmed(tasks)) {
      return ExitCode.FAILURE;
    }
    int code = ExitCode.OK;
    for (DetectedTask task : tasks) {
      int c = TaskEnding.end(spec, dir, task.taskId(), "Killing", TaskState.KILLED,
          (kill, id) -> kill.kill(id, force));
      code = code == ExitCode.OK ? c : code;
    }
    return code;
  }

  private boolean confirmed(Set<DetectedTask> tasks) {
    spec.commandLine().getOut().println("These " + tasks.size() + " active tasks match:");
    tasks.forEach(t -> spec.commandLine().getOut().println("  " + t.taskId()));
    spec.commandLine().getOut().flush();
    return Confirmation.ask(spec, yes, "Kill all " + tasks.size());
  }
}
