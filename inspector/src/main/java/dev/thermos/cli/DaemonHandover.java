package dev.thermos.cli;

import com.sun.jna.LastErrorException;
import dev.thermos.format.TaskPaths;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import dev.thermos.runner.RunnerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code thermos run --daemon}, the detached runner's side ({@link DaemonStart} started it with
 * its stdout and stderr on pipes): once it holds the task's lock it tells the caller the task id
 * on stdout and moves both streams to {@code checkpoints/<task_id>/runner.log}, which closes the
 * pipes, so the caller returns. Everything the runner (and console output of its processes)
 * writes afterwards goes to that file.
 */
final class DaemonHandover {
  /** The line the caller waits for, followed by the task id. */
  static final String READY = "thermos-detached ";
  static final String LOG = "runner.log";
  /** The log holds the task's console output: not for every user of the host. */
  private static final int LOG_MODE = 0640;

  private DaemonHandover() {}

  /** A new session, unless {@code setsid(1)} made one already: no terminal can hang us up. */
  static void leaveSession() {
    int self = LibC.getpid();
    if (LibC.getsid(0) != self) {
      LibC.setsid();
    }
  }

  /**
   * Opens {@code runner.log} (relative to the checkpoint directory, not following a link, a
   * regular file only, appended to), tells the caller, then makes it the runner's stdout and
   * stderr.
   *
   * @throws IOException when the log cannot be opened (the caller is told, as of any setup error)
   */
  static void handOver(RunnerSettings settings, PrintWriter out, PrintWriter err)
      throws IOException {
    int log;
    try (SafeDirectory dir = SafeDirectory.openLeaf(
        new TaskPaths(settings.root()).checkpointDirectory(settings.taskId()), false)) {
      log = dir.openFile(LOG, LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT, LOG_MODE);
    }
    try {
      out.flush();
      err.flush();
      System.out.flush();
      System.err.flush();
      tellCaller(settings.taskId());
      LibC.dup2(log, 1);
      LibC.dup2(log, 2);
    } finally {
      LibC.close(log);
    }
    err.println("thermos run: detached (pid " + LibC.getpid() + ", session " + LibC.getsid(0)
        + ") at " + Instant.now());
    err.flush();
  }

  private static void tellCaller(String taskId) {
    byte[] line = (READY + taskId + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      LibC.write(1, line, line.length);
    } catch (LastErrorException e) {
      // EPIPE: the caller is gone (interrupted); the runner goes on all the same
    }
  }
}
