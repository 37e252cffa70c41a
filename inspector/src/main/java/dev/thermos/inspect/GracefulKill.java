package dev.thermos.inspect;

import dev.thermos.format.ReplayResult;
import dev.thermos.format.Replayer;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.ProcessIdentity;
import dev.thermos.supervision.SignalException;
import dev.thermos.supervision.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Asks a live runner to kill its task: SIGUSR1, which our runner and Aurora's both take as a graceful
 * kill (CLEANING, the finalizers within the finalization window, KILLED; SIGTERM would end Aurora's
 * runner at once), then follows the checkpoint until a
 * terminal task status appears, reporting each task state, and waits for the runner to exit (it
 * moves the task file to {@code finished} before it does).
 */
public final class GracefulKill {
  /** How often the runner's liveness is checked while no record arrives. */
  private static final Duration LIVENESS = Duration.ofMillis(250);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

  private final Consumer<TaskState> progress;

  /** {@code progress} receives every task state appended while following. */
  public GracefulKill(Consumer<TaskState> progress) {
    this.progress = progress;
  }

  /**
   * Signals {@code runnerPid} and follows {@code checkpoint}, from where {@code replayed} ended,
   * for at most {@code wait}. A task that ended meanwhile (or had already) is not signalled.
   *
   * @return the terminal state, or empty when the runner exited without one or {@code wait} passed
   */
  public Optional<TaskState> kill(Path checkpoint, ReplayResult replayed, int runnerPid,
      Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (CheckpointFollower follower =
        CheckpointFollower.open(checkpoint, replayed.endOffset(), replayed.records())) {
      TaskState last = TaskSummary.lastState(replayed.state());
      Optional<TaskState> ended =
          Replayer.isTerminal(last) ? Optional.of(last) : terminalIn(follower);
      if (ended.isPresent()) {
        awaitExit(runnerPid);
        return ended;
      }
      if (!Signals.KERNEL.send(runnerPid, LibC.SIGUSR1)) {
        return Optional.empty();  // gone
      }
      while (true) {
        Optional<TaskState> end = terminalIn(follower);
        if (end.isPresent()) {
          awaitExit(runnerPid);
          return end;
        }
        if (!ProcessIdentity.exists(runnerPid)) {
          return terminalIn(follower);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        follower.await(Duration.ofNanos(Math.min(left, LIVENESS.toNanos())));
      }
    } catch (SignalException e) {
      throw new IOException("cannot signal runner " + runnerPid + ": " + e.getMessage(), e);
    }
  }

  private Optional<TaskState> terminalIn(CheckpointFollower follower) throws IOException {
    for (RunnerCkpt r : follower.drain()) {
      if (r.isSetTaskStatus()) {
        TaskState s = r.getTaskStatus().getState();
        progress.accept(s);
        if (Replayer.isTerminal(s)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** Waits for the runner to exit, so that its task file has moved; gives up quietly. */
  private static void awaitExit(int pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    try {
      handle.get().onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The terminal state is recorded; the runner is only slow to go.
    }
  }
}
