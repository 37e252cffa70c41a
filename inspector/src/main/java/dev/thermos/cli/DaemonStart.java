package dev.thermos.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code thermos run --daemon}, the caller's side: starts the same command without
 * {@code --daemon} as a detached runner (a new session through {@code setsid}, stdin
 * {@code /dev/null}, stdout and stderr pipes to us) and waits for its word, without polling:
 * once it holds the task's lock it writes {@link DaemonHandover#READY} and the task id on the
 * stdout pipe and moves its stdout and stderr to {@code checkpoints/<task_id>/runner.log}, which
 * closes both pipes. A runner that cannot start says why on its stderr (relayed here) and exits
 * with {@code run}'s code for it before that, which becomes ours.
 */
final class DaemonStart {
  /** Where {@code setsid(1)} may be; without it the detached runner calls {@code setsid()}. */
  private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"),
      Path.of("/bin/setsid"));

  private DaemonStart() {}

  /**
   * Starts the detached runner for {@code args} (this command's arguments, {@code --daemon}
   * among them); prints the task id on {@code out} and returns 0 once the runner holds the task,
   * else relays its error line to {@code err} and returns its exit code.
   *
   * @throws IOException when the runner cannot be started at all
   */
  static int start(List<String> args, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    SETSID.stream().filter(Files::isExecutable).findFirst()
        .ifPresent(p -> command.add(p.toString()));
    command.addAll(JvmCommand.replacingArguments(args, detachedArguments(args)));
    Process runner = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    runner.getOutputStream().close();
    Thread relay = relay(runner, err);
    String taskId = readyTaskId(runner);
    relay.join();
    if (taskId != null) {
      out.println(taskId);
      return RunExitCode.SUCCESS;
    }
    int code = runner.waitFor();
    if (code == RunExitCode.SUCCESS || code == RunExitCode.FAILED || code == RunExitCode.KILLED
        || code == RunExitCode.LOST || code > 128) {
      // Killed (128 + signal), or a task result before it held the task (impossible): say so.
      err.println("thermos run: the detached runner ended (exit status " + code
          + ") before it held the task");
      return RunExitCode.SETUP;
    }
    return code;
  }

  /** {@code args} without {@code --daemon}, with {@code --detached} after the verb. */
  static List<String> detachedArguments(List<String> args) {
    List<String> out = new ArrayList<>();
    boolean marked = false;
    for (String a : args) {
      if (a.equals("--daemon")) {
        continue;
      }
      out.add(a);
      if (!marked && a.equals("run")) {
        out.add("--detached");
        marked = true;
      }
    }
    return out;
  }

  /** The task id the runner announced before its stdout reached the end, or null. */
  private static String readyTaskId(Process runner) throws IOException {
    String taskId = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(runner.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (taskId == null && line.startsWith(DaemonHandover.READY)) {
          taskId = line.substring(DaemonHandover.READY.length());
        }
      }
    }
    return taskId;
  }

  /** Copies the runner's stderr to {@code err} line by line until the runner lets it go. */
  private static Thread relay(Process runner, PrintWriter err) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(runner.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (err) {
            err.println(line);
            err.flush();
          }
        }
      } catch (IOException e) {
        // the pipe broke: nothing more to relay
      }
    }, "thermos-daemon-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
