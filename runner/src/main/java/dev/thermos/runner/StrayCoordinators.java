package dev.thermos.runner;

import dev.thermos.launch.Spawner;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.ProcessIdentity;
import dev.thermos.supervision.ProcessTree;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/**
 * Finds the coordinator a spawner may have forked for a request it never answered (it died in
 * between). Once the dead spawner is reaped, everything it forked is a child of this JVM (a child
 * subreaper), so the coordinator, if there is one, is a child that no answer named, started after
 * the spawner, running the spawner's program with the spawner's command line (forked without an
 * exec; the line names the spawner's reply pipe, unique to it). Without it, the launch is known
 * not to have happened, and launching it again cannot run the process twice.
 */
final class StrayCoordinators {
  private static final Duration REAPED_WITHIN = Duration.ofSeconds(30);
  private static final int COMM_LENGTH = 15;

  private StrayCoordinators() {}

  /**
   * The pid of the coordinator {@code dead} forked without answering, or 0 when it forked none.
   * Waits until {@code dead} has been reaped.
   *
   * @param known the coordinators of the live runs (whose pids were answered: never the stray)
   * @throws IOException when the spawner does not end in time (the launch stays undecided)
   */
  static int forkedBy(Spawner dead, Collection<Integer> known) throws IOException {
    try {
      if (!dead.awaitEnd(REAPED_WITHIN)) {
        throw new IOException("the spawner (pid " + dead.pid() + ") did not end after its reply"
            + " pipe closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the spawner to end");
    }
    ProcessTree tree = ProcessTree.snapshot();
    for (int child : tree.children(LibC.getpid())) {
      ProcessTree.Entry e = tree.get(child);
      if (!known.contains(child) && e != null && e.startTicks() >= dead.startTicks()
          && runsAsForkedBy(child, dead)) {
        return child;
      }
    }
    return 0;
  }

  /** True when {@code pid} runs {@code spawner}'s program, unexecuted (a zombie: by name). */
  private static boolean runsAsForkedBy(int pid, Spawner spawner) {
    String line = ProcessIdentity.commandLine(pid).orElse("");
    if (!line.isEmpty()) {
      return line.equals(String.join(" ", spawner.commandLine()));
    }
    String program = Path.of(spawner.commandLine().get(0)).getFileName().toString();
    String comm = program.length() > COMM_LENGTH ? program.substring(0, COMM_LENGTH) : program;
    return comm.equals(commandName(pid));
  }

  /** The command name in {@code /proc/<pid>/stat} (kept for zombies), or "" when gone. */
  private static String commandName(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"),
          StandardCharsets.UTF_8);
      return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
