package dev.thermos.cli;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointLockedException;
import dev.thermos.posix.UnsafePathException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code thermos}: the entry point. {@link #execute} wires the subcommands, the output and error
 * writers and the mapping from exceptions to exit codes, and runs a command line: {@link #main}
 * and the tests call it, so that tests run the same wiring.
 *
 * <p>The root command and {@code run} are declared in code ({@link #rootSpec},
 * {@link RunCommand#spec}), the other verbs by picocli's annotations: a task's start-up then
 * reads no annotation (each annotation type read costs the JVM a generated proxy class).
 */
public final class Main {
  /** Every command, in the order help lists them ({@code run} is {@link RunCommand#spec}). */
  private static final Map<String, Class<?>> COMMANDS = commands();

  /** -x, --stacktrace: inherited by every verb. */
  boolean stacktrace;

  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
  private static final String DISABLE_CLOSURES = "picocli.disable.closures";
  /** True in a JVM that {@link #main} started, not when a test calls {@link #execute}. */
  private static volatile boolean ownProcess;

  static {
    // picocli registers, in every CommandLine it builds (two per command), a converter for each
    // java.time and java.sql type it knows, through reflection and a regex per type. No option of
    // thermos has one of those types (durations have a converter of their own): left out, a
    // command starts several milliseconds sooner. A value the user set is kept.
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java\\.(sql|time)\\..*");
    }
    // Its default factory looks for Groovy's closure class when it is initialised (a class-path
    // search that fails, ~7 ms): thermos has no Groovy.
    if (System.getProperty(DISABLE_CLOSURES) == null) {
      System.setProperty(DISABLE_CLOSURES, "true");
    }
  }

  public static void main(String[] args) {
    ownProcess = true;
    Preload.startFor(args.length > 0 ? args[0] : "");
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(
        new java.io.FileOutputStream(java.io.FileDescriptor.err),
        java.nio.charset.StandardCharsets.UTF_8), true);
    System.exit(execute(out, err, args));
  }

  /** Runs {@code args} writing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    int code = commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> c = new LinkedHashMap<>();
    c.put("run", RunCommand.class);
    c.put("simplerun", SimpleRunCommand.class);
    c.put("read", ReadCommand.class);
    c.put("status", StatusCommand.class);
    c.put("tail", TailCommand.class);
    c.put("kill", KillCommand.class);
    c.put("lose", LoseCommand.class);
    c.put("hold", HoldCommand.class);
    c.put("release", ReleaseCommand.class);
    c.put("drain", DrainCommand.class);
    c.put("restart", RestartCommand.class);
    c.put("signal", SignalCommand.class);
    c.put("update", UpdateCommand.class);
    c.put("scale", ScaleCommand.class);
    c.put("inspect", InspectCommand.class);
    c.put("gc", GcCommand.class);
    c.put("completion", CompletionCommand.class);
    c.put("help", CommandLine.HelpCommand.class);
    return c;
  }

  /**
   * True when this JVM runs thermos alone ({@link #main}). Then every process it starts is
   * started through {@link dev.thermos.supervision.KnownChildren}, and {@code run} may reap
   * every other child ({@link dev.thermos.supervision.OrphanReaper}); a test calling
   * {@link #execute} shares its JVM with processes the test starts itself, which it must not.
   */
  static boolean ownProcess() {
    return ownProcess;
  }

  /** The verbs, in the order help lists them. */
  static java.util.Set<String> verbs() {
    return COMMANDS.keySet();
  }

  /**
   * The command line for {@code args}: when they start with a command that needs no other (not
   * help, not completion), only that command is built — picocli's reflection over every command
   * costs start-up time a runner or a one-shot read should not pay.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] argv) {
    CommandLine cl = new CommandLine(rootSpec(new Main()));
    String first = argv.length > 0 ? argv[0] : "";
    boolean alone = COMMANDS.containsKey(first) && !first.equals("help")
        && !first.equals("completion");
    for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
      if (!alone || c.getKey().equals(first)) {
        if (c.getValue() == RunCommand.class) {
          cl.addSubcommand(c.getKey(), new CommandLine(RunCommand.spec()));
        } else {
          cl.addSubcommand(c.getKey(), c.getValue());
        }
        addHelpOption(cl.getSubcommands().get(c.getKey()).getCommandSpec());
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> report(commandLine.getCommandSpec(), null, e));
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return isRun(failed.getCommandSpec()) ? RunExitCode.USAGE : ExitCode.USAGE;
    });
    return cl;
  }

  /** The root command: its usage, {@code -h}, {@code -V} and {@code -x} (bound to {@code main}). */
  private static CommandSpec rootSpec(Main main) {
    CommandSpec root = CommandSpec.wrapWithoutInspection(main).name("thermos")
        .versionProvider(new VersionProvider());
    root.usageMessage().description("Run and inspect thermos tasks.").footer(
        "%nAlso: observe  Serve a live web UI, JSON API, metrics and history of every task",
        "               (its own JVM; see thermos observe --help).");
    StacktraceField trace = new StacktraceField(main);
    root.addOption(OptionSpec.builder("-x", "--stacktrace").type(boolean.class)
        .scopeType(CommandLine.ScopeType.INHERIT).getter(trace).setter(trace).initialValue(false)
        .description("On an error, print the Java stack trace too.").build());
    // As picocli's mixinStandardHelpOptions gives them (after the command's own options).
    root.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    root.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    return root;
  }

  /** {@link #stacktrace} as picocli reads and writes it. */
  private static final class StacktraceField implements IGetter, ISetter {
    private final Main main;

    StacktraceField(Main main) {
      this.main = main;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) Boolean.valueOf(main.stacktrace);
    }

    @Override
    public <T> T set(T value) {
      T old = get();
      main.stacktrace = (Boolean) value;
      return old;
    }
  }

  /** Gives a verb {@code -h}/{@code --help} unless it has a usage-help option already. */
  private static void addHelpOption(CommandSpec verb) {
    if (verb.options().stream().noneMatch(o -> o.usageHelp())) {
      verb.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help (usage and exit codes) and exit.").build());
    }
  }

  /**
   * Reports {@code e} on stderr in one line ({@code thermos kill: <subject>: <reason>}; no subject
   * when null), with the stack trace under {@code -x} or for a bug, and returns its exit code.
   */
  static int report(CommandSpec spec, String subject, Exception e) {
    int code = isRun(spec) ? RunExitCode.of(e) : exitCodeOf(e);
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + (subject == null ? "" : subject + ": ")
        + describe(e));
    boolean trace = spec.root().userObject() instanceof Main m && m.stacktrace;
    if (trace || code == ExitCode.INTERNAL || (isRun(spec) && code == RunExitCode.INTERNAL)) {
      if (Preload.failure() != null) {
        e.addSuppressed(Preload.failure());
      }
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** {@code run} and {@code simplerun}: the verbs whose exit codes are {@link RunExitCode}'s. */
  static boolean isRun(CommandSpec spec) {
    return spec.name().equals("run") || spec.name().equals("simplerun");
  }

  /** The exit code of the verbs other than run and simplerun ({@link ExitCode}) for {@code e}. */
  static int exitCodeOf(Exception e) {
    if (e instanceof CheckpointException) {
      return ExitCode.CORRUPT;
    }
    if (e instanceof CheckpointLockedException) {
      return ExitCode.LOCKED;
    }
    if (e instanceof UnsafePathException) {
      return ExitCode.NOT_FOUND;
    }
    if (e instanceof NoSuchFileException || e instanceof AccessDeniedException
        || e instanceof FileSystemException) {
      return ExitCode.NOT_FOUND;
    }
    if (e instanceof UsageException) {
      return ExitCode.USAGE;
    }
    if (e instanceof java.io.IOException) {
      return ExitCode.FAILURE;
    }
    return ExitCode.INTERNAL;
  }

  static String describe(Exception e) {
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
    }
    if (e instanceof AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() == null ? "cannot read" : f.getReason());
    }
    if (exitCodeOf(e) == ExitCode.INTERNAL) {
      return "internal error: " + e + " (a bug; the stack trace follows)";
    }
    return e.getMessage();
  }
}
