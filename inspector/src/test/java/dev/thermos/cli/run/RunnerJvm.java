package dev.thermos.cli.run;

import dev.thermos.posix.LibC;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code thermos run} in a JVM of its own, as an operator (or Aurora's executor) would start it:
 * {@code java -Dthermos.coordinator=... dev.thermos.cli.Main run --root R --task_id T TASK}. Its
 * stdout and stderr go to files next to the root, so a failing test can show them.
 */
final class RunnerJvm {
  static final int SIGINT = 2;
  static final int SIGUSR1 = 10;
  static final int SIGUSR2 = 12;

  private final Process process;
  private final Path out;
  private final Path err;

  private RunnerJvm(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code thermos run ARGS...}; its output goes to {@code <logs>/<name>.out|.err}. */
  static RunnerJvm run(Path logs, String name, String... args) throws IOException {
    return command(logs, name, "run", args);
  }

  /** Starts {@code thermos SUBCOMMAND ARGS...}; output in {@code <logs>/<name>.out|.err}. */
  static RunnerJvm command(Path logs, String name, String subcommand, String... args)
      throws IOException {
    List<String> command = javaCommand();
    ClassArchive.path().ifPresent(a -> command.add("-XX:SharedArchiveFile=" + a));
    command.addAll(List.of("dev.thermos.cli.Main", subcommand));
    command.addAll(List.of(args));
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process p = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new RunnerJvm(p, out, err);
  }

  /**
   * {@code java} with start-up friendly options (those of {@code bin/thermos}) and the class path
   * of the test's jars: the command line needs no test classes, and a class data sharing archive
   * (see {@link ClassArchive}) covers jars only.
   */
  static List<String> javaCommand() {
    StringBuilder jars = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") || !new File(entry).isDirectory()
          || new File(entry, "dev/thermos/cli/Main.class").exists()) {
        jars.append(jars.length() == 0 ? "" : File.pathSeparator).append(entry);
      }
    }
    return new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
        "-Xlog:disable", "-Djdk.lang.Process.launchMechanism=VFORK",
        "-Dthermos.coordinator=" + coordinator(),
        "-cp", jars.toString()));
  }

  private static String coordinator() {
    String path = System.getProperty("thermos.coordinator");
    if (path == null || !new File(path).canExecute()) {
      throw new IllegalStateException("-Dthermos.coordinator must name the built coordinator, got "
          + path);
    }
    return path;
  }

  int pid() {
    return (int) process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crash would, and waits until the JVM is gone. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  void signal(int signal) {
    LibC.kill(pid(), signal);
  }

  /** True if the JVM exited within {@code timeout}. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Polls the runner's stdout until it contains {@code text}; false if the runner exited or
   * {@code timeout} passed first.
   */
  boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (!stdout().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > until) {
        return stdout().contains(text);
      }
      Thread.sleep(2);
    }
    return true;
  }

  /** Waits for the exit code; on timeout SIGKILLs the JVM and fails with its output. */
  int exitCode(Duration timeout) throws InterruptedException, IOException {
    if (!awaitExit(timeout)) {
      crash();
      throw new AssertionError("thermos run did not end within " + timeout + "\n" + output());
    }
    return process.exitValue();
  }

  String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Both streams, for failure messages. */
  String output() throws IOException {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }
}
