package dev.thermos.cli;

import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskKill;
import dev.thermos.supervision.CgroupSwitch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Ends one task for {@code kill} and {@code lose}: each step on stdout prefixed with the task id,
 * then {@code <Verb> <id>...done.}, with the end state when it is not the one asked for (the task
 * may have ended on its own). A failure is reported on stderr and its exit code returned, so that
 * the command goes on with its other tasks.
 */
final class TaskEnding {
  /** What ends the task: a graceful or forced kill, or a loss. */
  interface Operation {
    Optional<TaskState> end(TaskKill kill, String taskId) throws IOException;
  }

  private TaskEnding() {}

  static int end(CommandSpec spec, Path root, String taskId, String verb, TaskState asked,
      Operation operation) {
    PrintWriter out = spec.commandLine().getOut();
    TaskKill kill = new TaskKill(root, Clock.systemUTC(), CgroupSwitch.enabled(), note -> {
      out.println(taskId + ": " + note);
      out.flush();
    });
    try {
      Optional<TaskState> end = operation.end(kill, taskId);
      out.println(verb + " " + taskId + "...done."
          + end.filter(s -> s != asked).map(s -> " (" + s + ")").orElse(""));
      out.flush();
      return ExitCode.OK;
    } catch (IOException | RuntimeException e) {
      return Main.report(spec, taskId, e);
    }
  }
}
