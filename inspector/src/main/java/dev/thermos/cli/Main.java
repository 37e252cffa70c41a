package dev.thermos.cli;

import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointLockedException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thermos}: the entry point. {@link #commandLine} wires every subcommand, the output and
 * error writers and the mapping from exceptions to exit codes, so that tests run the same wiring.
 */
@Command(
    name = "thermos",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run and inspect thermos tasks.",
    subcommands = {RunCommand.class, SimpleRunCommand.class, ReadCommand.class,
        KillCommand.class, LoseCommand.class, GcCommand.class,
        StatusCommand.class, TailCommand.class, InspectCommand.class, CompletionCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  @Option(names = {"-x", "--stacktrace"}, scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print the Java stack trace too.")
  boolean stacktrace;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(
        new java.io.FileOutputStream(java.io.FileDescriptor.err),
        java.nio.charset.StandardCharsets.UTF_8), true);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The fully wired command line writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      int code = exitCodeOf(e);
      String command = commandLine.getCommandSpec().qualifiedName();
      commandLine.getErr().println(command + ": " + describe(e));
      if (main.stacktrace || code == ExitCode.INTERNAL) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return code;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE;
    });
    return cl;
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof CheckpointException) {
      return ExitCode.CORRUPT;
    }
    if (e instanceof CheckpointLockedException) {
      return ExitCode.LOCKED;
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
      return n.getFile() + ": no such file";
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
