package dev.thermos.launch;

import dev.thermos.posix.SafeDirectory;
import dev.thermos.supervision.KnownChildren;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts the native coordinator for one run of a process. The coordinator forks the command,
 * records FORKED, RUNNING and the ending in the checkpoint and exits; see {@link CoordinatorExit}.
 *
 * <p>The coordinator gets exactly the spec's environment, stdin from {@code /dev/null}, and the
 * runner's own stdout/stderr when the logs go to the console (otherwise its output is discarded).
 */
public final class CoordinatorLauncher {
  private static final File DEV_NULL = new File("/dev/null");

  private final Path binary;

  /** A launcher for the coordinator at {@code binary}. */
  public CoordinatorLauncher(Path binary) {
    this.binary = binary;
  }

  /** A launcher for the coordinator {@link CoordinatorBinary#locate()} finds. */
  public static CoordinatorLauncher located() {
    return new CoordinatorLauncher(CoordinatorBinary.locate());
  }

  public Path binary() {
    return binary;
  }

  /**
   * Starts the coordinator; returns as soon as it runs. Creates the checkpoint's directory first;
   * the coordinator creates the log directories itself, below the sandbox without following links
   * (a log path that cannot be opened that way makes it exit with
   * {@link CoordinatorExit#SETUP_ERROR} before the command runs).
   *
   * @throws IOException when a directory cannot be created or the coordinator cannot be started
   */
  public Process launch(LaunchSpec spec) throws IOException {
    createDirectories(spec);
    ProcessBuilder builder = new ProcessBuilder(command(spec));
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    builder.redirectInput(Redirect.from(DEV_NULL));
    Redirect output = spec.logs().reachesConsole() ? Redirect.INHERIT : Redirect.DISCARD;
    builder.redirectOutput(output);
    builder.redirectError(output);
    return KnownChildren.start(builder);
  }

  /** The coordinator's argv for {@code spec}. */
  List<String> command(LaunchSpec spec) {
    List<String> argv = new ArrayList<>(24);
    argv.add(binary.toString());
    argv.addAll(arguments(spec));
    return argv;
  }

  /** The coordinator's arguments for {@code spec}, without the program name. */
  static List<String> arguments(LaunchSpec spec) {
    LogSpec logs = spec.logs();
    List<String> argv = new ArrayList<>(25);
    add(argv, "--ckpt", spec.checkpoint().toString());
    add(argv, "--process", spec.process());
    add(argv, "--seq", Long.toString(spec.seq()));
    add(argv, "--sandbox", spec.sandbox().toString());
    add(argv, "--stdout", spec.stdout().toString());
    add(argv, "--stderr", spec.stderr().toString());
    add(argv, "--destination", logs.destination().name().toLowerCase(Locale.ROOT));
    add(argv, "--mode", logs.mode().name().toLowerCase(Locale.ROOT));
    add(argv, "--log-size", Long.toString(logs.logSizeBytes()));
    add(argv, "--backups", Integer.toString(logs.backups()));
    if (spec.withoutShell()) {
      add(argv, "--shell", "none");
    }
    addOptions(argv, spec.options());
    argv.add("--");
    argv.add(spec.cmdline());
    return argv;
  }

  private static void addOptions(List<String> argv, LaunchOptions options) {
    if (options.workingDir() != null) {
      add(argv, "--workdir", options.workingDir());
    }
    if (!options.successCodes().isEmpty()) {
      add(argv, "--success-codes", joined(options.successCodes()));
    }
    RunAs user = options.runAs();
    if (user != null) {
      add(argv, "--uid", Integer.toString(user.uid()));
      add(argv, "--gid", Integer.toString(user.gid()));
      if (!user.groups().isEmpty()) {
        add(argv, "--groups", joined(user.groups()));
      }
    }
  }

  private static String joined(List<Integer> numbers) {
    StringBuilder out = new StringBuilder();
    for (int n : numbers) {
      out.append(out.length() == 0 ? "" : ",").append(Integer.toUnsignedString(n));
    }
    return out.toString();
  }

  private static void add(List<String> argv, String option, String value) {
    argv.add(option);
    argv.add(value);
  }

  /**
   * Creates the checkpoint's directory. The log directories are the coordinator's to create: it
   * opens them below the sandbox without following links, which a {@code mkdir -p} from here would.
   */
  static void createDirectories(LaunchSpec spec) throws IOException {
    // checkpoints/<task_id>: made (or opened) without following a link planted there.
    SafeDirectory.openLeaf(spec.checkpoint().toAbsolutePath().getParent(), true).close();
  }
}
