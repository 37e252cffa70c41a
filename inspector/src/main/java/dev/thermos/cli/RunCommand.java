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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code thermos run}: run a task, or resume it (same root and --task_id).
 *
 * <p>Declared in code ({@link #spec}) rather than by picocli's annotations: reading annotations
 * makes the JVM generate a proxy class per annotation type, which no class data sharing archive
 * keeps, and a run pays its start-up on every task (about half of picocli's time there).
 */
public final class RunCommand implements Callable<Integer> {
  private static final String[] EXIT_CODES = {
      "0:the task ended SUCCESS (--daemon: the detached runner holds the task)", "1:FAILED",
      "3:KILLED", "4:LOST", "64:usage error",
      "65:invalid task (nothing was written)", "70:internal error",
      "73:cannot create the root or checkpoint (nothing of the task ran); --daemon: the runner"
          + " could not be started, or ended before it held the task",
      "74:the checkpoint was deleted while the task ran (its processes were stopped)",
      "75:a live runner holds the task (--force takes over)",
      "76:the checkpoint of the task being resumed is corrupt or does not replay",
      "105:the task already ended"};

  CommandSpec spec;
  Path root;
  Path sandbox;
  String taskId;
  String[] ports = {};
  String[] bindings = {};
  boolean force;
  boolean daemon;
  /** The detached runner {@code --daemon} starts (see {@link DaemonStart}). */
  boolean detached;
  Path task;

  /** The command's picocli model, bound to a new command object (its user object). */
  static CommandSpec spec() {
    RunCommand c = new RunCommand();
    CommandSpec s = CommandSpec.wrapWithoutInspection(c).name("run");
    c.spec = s;
    s.usageMessage()
        .description("Run a thermos task (Aurora's JSON form).",
            "Running it again with the same root and --task_id resumes it.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes());
    s.addOption(option(Path.class, c.new Field(RootOption.NAME), RootOption.LABEL,
        RootOption.DESCRIPTION, RootOption.NAME));
    s.addOption(option(Path.class, c.new Field("--sandbox"), "DIR",
        "Working directory of the processes (default: <root>/sandbox/<task_id>).", "--sandbox"));
    s.addOption(option(String.class, c.new Field("--task_id"), "ID",
        "Task id (default: <name>-<YYYYmmdd-HHMMSS>.<µs>).", "--task_id"));
    s.addOption(option(String[].class, c.new Field("-P"), "NAME:PORT", "Bind a named port.", "-P",
        "--port"));
    s.addOption(option(String[].class, c.new Field("-E"), "NAME=VALUE",
        "Bind a template variable.", "-E", "--environment"));
    s.addOption(option(boolean.class, c.new Field("--force"), null,
        "Take the task from a live runner (SIGKILL it).", "--force"));
    s.addOption(option(boolean.class, c.new Field("--daemon"), null, "Run in the background:"
        + " detach (a new session, output to checkpoints/<task_id>/runner.log), print the task id"
        + " and exit 0 once the runner holds the task; or exit with the code below if it could"
        + " not start.", "--daemon"));
    s.addOption(OptionSpec.builder("--detached").type(boolean.class).hidden(true)
        .getter(c.new Field("--detached")).setter(c.new Field("--detached")).initialValue(false)
        .build());
    Field task = c.new Field("TASK.json");
    s.addPositional(PositionalParamSpec.builder().paramLabel("TASK.json").arity("0..1")
        .type(Path.class).getter(task).setter(task).initialValue(null)
        .description("The task; without it, --task_id resumes the task of that id from what its "
            + "checkpoint and stored task file record (task, sandbox, ports).").build());
    return s;
  }

  /** An option kept in a field; its initial value is the field's (as for an annotated one). */
  private static OptionSpec option(Class<?> type, Field field, String label,
      String description, String... names) {
    OptionSpec.Builder option = OptionSpec.builder(names).type(type).getter(field).setter(field)
        .initialValue(field.get()).description(description);
    return (label == null ? option : option.paramLabel(label)).build();
  }

  /**
   * One of this command's fields, as picocli reads and writes it (a switch rather than a lambda
   * per field: each lambda's first use costs start-up time).
   */
  private final class Field implements IGetter, ISetter {
    private final String name;

    Field(String name) {
      this.name = name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) switch (name) {
        case RootOption.NAME -> root;
        case "--sandbox" -> sandbox;
        case "--task_id" -> taskId;
        case "-P" -> ports;
        case "-E" -> bindings;
        case "--force" -> force;
        case "--daemon" -> daemon;
        case "--detached" -> detached;
        case "TASK.json" -> task;
        default -> throw new IllegalStateException("no field " + name);
      };
    }

    @Override
    public <T> T set(T value) {
      T old = get();
      switch (name) {
        case RootOption.NAME -> root = (Path) value;
        case "--sandbox" -> sandbox = (Path) value;
        case "--task_id" -> taskId = (String) value;
        case "-P" -> ports = (String[]) value;
        case "-E" -> bindings = (String[]) value;
        case "--force" -> force = (Boolean) value;
        case "--daemon" -> daemon = (Boolean) value;
        case "--detached" -> detached = (Boolean) value;
        case "TASK.json" -> task = (Path) value;
        default -> throw new IllegalStateException("no field " + name);
      }
      return old;
    }
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (String entry : EXIT_CODES) {
      int colon = entry.indexOf(':');
      codes.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    return codes;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (daemon) {
      return DaemonStart.start(spec.root().commandLine().getParseResult().originalArgs(),
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    if (detached) {
      DaemonHandover.leaveSession();
    }
    Path root = RootOption.resolve(this.root);
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
