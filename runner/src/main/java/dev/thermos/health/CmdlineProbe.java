package dev.thermos.health;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@code cmdline} check: {@code /bin/sh -c TARGET} in a session of its own, in the run's
 * working directory and environment, as the run's user; exit status 0 passes. Its input is
 * {@code /dev/null} and its output is discarded. One still running at the timeout is killed with
 * its whole tree ({@link CheckProcessTree}), as is one whose check is cancelled.
 */
final class CmdlineProbe implements HealthProbe {
  private static final String SETSID = tool("setsid");
  private static final String SETPRIV = tool("setpriv");
  private static final File DEV_NULL = new File("/dev/null");

  private final String command;
  private final double timeoutSecs;
  private final ProbeContext context;

  CmdlineProbe(String command, double timeoutSecs, ProbeContext context) {
    this.command = command;
    this.timeoutSecs = timeoutSecs;
    this.context = context;
  }

  @Override
  public ProbeOutcome check() throws InterruptedException {
    Process process;
    try {
      process = dev.thermos.supervision.KnownChildren.start(processBuilder());
    } catch (IOException e) {
      return ProbeOutcome.fail("cannot run the check: " + ProbeOutcome.failure(e).detail());
    }
    boolean ended = false;
    try {
      ended = process.waitFor(ProbeOutcome.timeoutMillis(timeoutSecs), TimeUnit.MILLISECONDS);
    } finally {
      if (!ended) {
        CheckProcessTree.kill(process);
      }
    }
    if (!ended) {
      return ProbeOutcome.timedOut(timeoutSecs);
    }
    int status = process.exitValue();
    return new ProbeOutcome(status == 0, "exit status " + status);
  }

  /** {@code setsid [setpriv ... --] /bin/sh -c TARGET}, set up to run where the run runs. */
  ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(argv());
    if (context.workingDir() != null) {
      builder.directory(context.workingDir().toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(context.env());
    return builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
  }

  /** The argument vector: a new session (so the tree can be killed as a group), the user, sh. */
  List<String> argv() {
    List<String> argv = new ArrayList<>(List.of(SETSID, "--wait"));
    RunAs user = context.user();
    if (user != null) {
      argv.addAll(List.of(SETPRIV, "--reuid=" + user.uid(), "--regid=" + user.gid()));
      int[] groups = user.groups();
      argv.add(groups.length == 0 ? "--clear-groups" : "--groups=" + Arrays.stream(groups)
          .mapToObj(Integer::toString).collect(Collectors.joining(",")));
      argv.add("--");
    }
    argv.addAll(List.of("/bin/sh", "-c", command));
    return argv;
  }

  /** util-linux's {@code name} by absolute path (the task's PATH may not hold it). */
  private static String tool(String name) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }
}
