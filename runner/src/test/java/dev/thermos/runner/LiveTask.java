package dev.thermos.runner;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A task running on another thread: wait for its records, stop it, await its end. */
final class LiveTask {
  static final Duration WAIT = Duration.ofSeconds(15);

  private final TaskHarness harness;
  private final TaskRunner runner;
  private final FutureTask<TaskState> run;
  private final List<RunnerCkpt> seen;
  private final Supplier<RunnerState> lastState;

  LiveTask(TaskHarness harness, TaskRunner runner, FutureTask<TaskState> run,
      List<RunnerCkpt> seen, Supplier<RunnerState> lastState) {
    this.harness = harness;
    this.runner = runner;
    this.run = run;
    this.seen = seen;
    this.lastState = lastState;
  }

  /** Asks the runner to stop, as a signal handler would, from this (another) thread. */
  void stop(StopRequest request) {
    runner.stop(request);
  }

  /** The durable records so far. */
  List<RunnerCkpt> records() {
    return List.copyOf(seen);
  }

  boolean ended() {
    return run.isDone();
  }

  /** Waits for the end; checks replay and leftovers (see {@link TaskHarness}). */
  TaskResult await() throws Exception {
    return harness.finish(run, runner, seen, lastState);
  }

  /** The first durable record of {@code process} in {@code state}, waiting for it. */
  ProcessStatus awaitProcess(String process, ProcessState state) throws InterruptedException {
    return awaitRecord(process + " " + state, r -> r.isSetProcessStatus()
        && r.getProcessStatus().getProcess().equals(process)
        && r.getProcessStatus().getState() == state).getProcessStatus();
  }

  /** The first durable record matching {@code test}, waiting for it. */
  RunnerCkpt awaitRecord(String what, Predicate<RunnerCkpt> test) throws InterruptedException {
    RunnerCkpt[] found = new RunnerCkpt[1];
    awaitTrue(what, () -> {
      for (RunnerCkpt r : seen) {
        if (test.test(r)) {
          found[0] = r;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Waits for {@code file} (relative to the sandbox) to exist; returns its trimmed content. */
  String awaitFile(String file) throws Exception {
    Path path = harness.sandbox().resolve(file);
    awaitTrue(file + " in the sandbox", () -> Files.exists(path));
    String[] content = new String[1];
    awaitTrue(file + " written", () -> {
      try {
        content[0] = Files.readString(path).trim();
        return !content[0].isEmpty();
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return content[0];
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@link #WAIT}. */
  void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (run.isDone() && !condition.getAsBoolean()) {
        throw new AssertionError("the task ended before " + what + ": " + TaskResult.compact(seen));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT + ": "
            + TaskResult.compact(seen));
      }
      Thread.sleep(10);
    }
  }
}
