package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.planner.InvalidScheduleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a task given as JSON text with the real runner and coordinators in a temporary root, the
 * way {@code thermos run} does (the same {@link RunRequest#evaluate}, then open and run), and
 * hands back what the checkpoint says ({@link TaskResult}). Every run also checks that the
 * runner's in-memory state at its end equals the replay of its checkpoint and that nothing of the
 * task is left running once it ended.
 */
final class TaskHarness {
  /** How long any one task of these tests may take. */
  static final Duration TASK_DEADLINE = Duration.ofSeconds(40);

  private final Path root;
  private final String taskId;
  private Map<String, Integer> ports = Map.of();
  private Map<String, String> bindings = Map.of();

  TaskHarness(Path root, String taskId) {
    this.root = root.toAbsolutePath();
    this.taskId = taskId;
  }

  TaskHarness ports(Map<String, Integer> namedPorts) {
    this.ports = Map.copyOf(namedPorts);
    return this;
  }

  TaskHarness bindings(Map<String, String> values) {
    this.bindings = Map.copyOf(values);
    return this;
  }

  Path root() {
    return root;
  }

  String taskId() {
    return taskId;
  }

  Path sandbox() {
    return root.resolve("sandbox").resolve(taskId);
  }

  /** Runs {@code json} to its end on this thread. */
  TaskResult run(String json) throws Exception {
    return start(json).await();
  }

  /** Starts {@code json} on another thread; the handle waits for records, stops, awaits. */
  LiveTask start(String json) throws Exception {
    RunRequest.Evaluated evaluated = evaluate(json);
    List<RunnerCkpt> seen = new CopyOnWriteArrayList<>();
    AtomicReference<RunnerState> last = new AtomicReference<>();
    TaskRunner runner = TaskRunner.open(evaluated.task(), evaluated.settings(), (record, state) -> {
      seen.add(record);
      last.set(state);
    });
    FutureTask<TaskState> run = new FutureTask<>(() -> {
      try (runner) {
        return runner.run();
      }
    });
    Thread thread = new Thread(run, "harness-" + taskId);
    thread.setDaemon(true);
    thread.start();
    return new LiveTask(this, runner, run, seen, last::get);
  }

  /** The task and settings as {@code thermos run} would hand them to the runner. */
  RunRequest.Evaluated evaluate(String json)
      throws InvalidTaskException, InvalidScheduleException, InvalidSandboxException {
    return new RunRequest(root, sandbox(), taskId, ports, bindings, false)
        .evaluate(TaskConfigLoader.parse(json, "test task"));
  }

  /** Waits for a run started by {@link #start} and checks what every run must satisfy. */
  TaskResult finish(FutureTask<TaskState> run, TaskRunner runner, List<RunnerCkpt> seen,
      Supplier<RunnerState> lastState) throws Exception {
    TaskState end;
    try {
      end = run.get(TASK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      runner.stop(StopRequest.KILL_NOW);
      throw new AssertionError("task " + taskId + " did not end within " + TASK_DEADLINE + ": "
          + TaskResult.compact(seen));
    } catch (ExecutionException e) {
      throw new AssertionError("the runner failed: " + e.getCause(), e.getCause());
    }
    TaskResult result = TaskResult.read(root, taskId, sandbox(), end);
    // The runner's own (live) state object, read once the run has ended.
    RunnerState inMemory = lastState.get();
    assertNotNull(inMemory, "the runner reported no durable record");
    assertEquals(result.state(), inMemory,
        "the runner's in-memory state differs from its checkpoint's replay");
    TaskProcesses.assertNoneLeft(root, taskId);
    return result;
  }

}
