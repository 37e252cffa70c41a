package dev.thermos.cli;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.runner.RunRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos run}: run a task, or resume it (same root and --task_id). */
@Command(
    name = "run",
    description = {"Run a thermos task (Aurora's JSON form).",
        "Running it again with the same root and --task_id resumes it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the task ended SUCCESS (--daemon: the detached runner holds the task)", "1:FAILED",
        "3:KILLED", "4:LOST", "64:usage error",
        "65:invalid task (nothing was written)", "70:internal error",
        "73:cannot create the root or checkpoint (nothing of the task ran); --daemon: the runner"
            + " could not be started, or ended before it held the task",
        "74:the checkpoint was deleted while the task ran (its processes were stopped)",
        "75:a live runner holds the task (--force takes over)",
        "76:the checkpoint of the task being resumed is corrupt or does not replay",
        "105:the task already ended"})
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOption root;

  @Option(names = "--sandbox", paramLabel = "DIR",
      description = "Working directory of the processes (default: <root>/sandbox/<task_id>).")
  Path sandbox;

  @Option(names = "--task_id", paramLabel = "ID",
      description = "Task id (default: <name>-<YYYYmmdd-HHMMSS>.<µs>).")
  String taskId;

  @Option(names = {"-P", "--port"}, paramLabel = "NAME:PORT", description = "Bind a named port.")
  String[] ports = {};

  @Option(names = {"-E", "--environment"}, paramLabel = "NAME=VALUE", description = "Bind a template variable.")
  String[] bindings = {};

  @Option(names = "--force", description = "Take the task from a live runner (SIGKILL it).")
  boolean force;

  @Option(names = "--daemon", description = "Run in the background: detach (a new session, "
      + "output to checkpoints/<task_id>/runner.log), print the task id and exit 0 once the "
      + "runner holds the task; or exit with the code below if it could not start.")
  boolean daemon;

  /** The detached runner {@code --daemon} starts (see {@link DaemonStart}). */
  @Option(names = "--detached", hidden = true)
  boolean detached;

  @Parameters(paramLabel = "TASK.json", arity = "0..1", description = "The task; without it, "
      + "--task_id resumes the task of that id from what its checkpoint and stored task file "
      + "record (task, sandbox, ports).")
  Path task;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (daemon) {
      return DaemonStart.start(spec.root().commandLine().getParseResult().originalArgs(),
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    if (detached) {
      DaemonHandover.leaveSession();
    }
    Path root = this.root.root();
    Path sandbox = this.sandbox;
    Map<String, Integer> ports = parsePorts(this.ports);
    Path file = task;
    if (file == null) {
      if (taskId == null) {
        throw new UsageException("give TASK.json, or --task_id ID to resume a task");
      }
      StoredTask stored = StoredTask.of(root, taskId);
      file = stored.taskFile();
      sandbox = sandbox != null ? sandbox : stored.sandbox().orElse(null);
      ports = this.ports.length > 0 ? ports : stored.ports();
    }
    TaskConfig config;
    try {
      config = TaskConfigLoader.load(file);
    } catch (InvalidTaskException e) {
      spec.commandLine().getErr().println("thermos run: " + e.getMessage());
      return RunExitCode.INVALID_TASK;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TaskExecution.AfterLock afterLock = detached
        ? settings -> DaemonHandover.handOver(settings, out, err) : settings -> { };
    return new TaskExecution("run", out, err, afterLock)
        .execute(config, new RunRequest(root, sandbox, taskId, ports, parseBindings(bindings),
            force));
  }

  static Map<String, Integer> parsePorts(String[] specs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String s : specs) {
      int colon = s.indexOf(':');
      String number = colon < 0 ? "" : s.substring(colon + 1);
      if (colon <= 0 || !number.matches("[0-9]{1,5}") || Integer.parseInt(number) > 65535) {
        throw new UsageException("-P " + s + ": expected NAME:PORT with a port 0-65535");
      }
      out.put(s.substring(0, colon), Integer.parseInt(number));
    }
    return out;
  }

  static Map<String, String> parseBindings(String[] specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("-E " + s + ": expected NAME=VALUE");
      }
      out.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return out;
  }
}
