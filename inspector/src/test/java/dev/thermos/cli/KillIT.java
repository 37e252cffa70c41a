package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thermos kill} against real runners started as separate JVMs. */
class KillIT {
  private static final Duration START = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<RunnerJvm> runners = new ArrayList<>();

  @AfterEach
  void stopRunners() {
    runners.forEach(RunnerJvm::destroy);
  }

  private RunnerJvm start(String id, String json) throws Exception {
    RunnerJvm r = RunnerJvm.start(dir.resolve("root"), id, json);
    runners.add(r);
    return r;
  }

  private static TaskState end(RunnerState s) {
    List<TaskStatus> statuses = s.getStatuses();
    return statuses.get(statuses.size() - 1).getState();
  }

  private static ProcessStatus lastRun(RunnerState s, String process) {
    List<ProcessStatus> runs = s.getProcesses().get(process);
    return runs.get(runs.size() - 1);
  }

  private void assertFinished(RunnerJvm r) {
    assertFalse(Files.exists(r.root.resolve("tasks/active").resolve(r.taskId)));
    assertTrue(Files.exists(r.root.resolve("tasks/finished").resolve(r.taskId)));
  }

  @Test
  void aGracefulKillRunsTheFinalizer() throws Exception {
    RunnerJvm r = start("graceful", "{\"name\": \"graceful\", \"finalization_wait\": 20,"
        + " \"processes\": [{\"name\": \"main\", \"cmdline\": \"sleep 60\"},"
        + " {\"name\": \"fin\", \"cmdline\": \"echo finalized > finalized.txt\", \"final\": true}]}");
    r.awaitRunning("main", START);

    CliRun run = CliRun.of("kill", "--root", r.root.toString(), "graceful");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("graceful: CLEANING\n"), run.out());
    assertTrue(run.out().endsWith("graceful: KILLED\nKilling graceful...done.\n"), run.out());
    RunnerState s = r.state();
    assertEquals(TaskState.KILLED, end(s));
    assertEquals(ProcessState.KILLED, lastRun(s, "main").getState());
    assertEquals(ProcessState.SUCCESS, lastRun(s, "fin").getState());
    Path sandbox = Path.of(s.getHeader().getSandbox());
    assertEquals("finalized\n", Files.readString(sandbox.resolve("finalized.txt")));
    assertTrue(r.process.waitFor(START.toSeconds(), TimeUnit.SECONDS));
    assertFinished(r);
  }

  @Test
  void forceOnATaskWhoseRunnerWasSigkilledEndsItAndItsProcess() throws Exception {
    RunnerJvm r = start("orphaned", "{\"name\": \"orphaned\", \"processes\":"
        + " [{\"name\": \"main\", \"cmdline\": \"sleep 60\"},"
        + " {\"name\": \"fin\", \"cmdline\": \"echo finalized > finalized.txt\", \"final\": true}]}");
    ProcessStatus running = r.awaitRunning("main", START);
    r.process.destroyForcibly();
    assertTrue(r.process.waitFor(START.toSeconds(), TimeUnit.SECONDS));
    assertTrue(RunnerJvm.alive(running.getPid()), "the process outlives its runner");

    CliRun run = CliRun.of("kill", "--force", "--root", r.root.toString(), "orphaned");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("orphaned: main KILLED\nKilling orphaned...done.\n", run.out());
    RunnerState s = r.state();
    assertEquals(TaskState.KILLED, end(s));
    ProcessStatus killed = lastRun(s, "main");
    assertEquals(ProcessState.KILLED, killed.getState());
    assertEquals(-9, killed.getReturnCode());
    assertEquals(running.getSeq() + 1, killed.getSeq());
    assertFalse(s.getProcesses().containsKey("fin"), "no finalizer in Aurora's forced kill");
    assertFalse(RunnerJvm.alive(running.getPid()));
    assertFalse(RunnerJvm.alive(running.getCoordinatorPid()));
    assertFinished(r);
  }

  @Test
  void processesThatIgnoreSigtermAreGoneAfterAGracefulKill() throws Exception {
    assertIgnoringProcessesAreGone(false);
  }

  @Test
  void processesThatIgnoreSigtermAreGoneAfterAForcedKillOfALiveRunner() throws Exception {
    assertIgnoringProcessesAreGone(true);
  }

  private void assertIgnoringProcessesAreGone(boolean force) throws Exception {
    String id = force ? "stubborn-forced" : "stubborn";
    RunnerJvm r = start(id, "{\"name\": \"stubborn\", \"finalization_wait\": 2, \"processes\":"
        + " [{\"name\": \"main\", \"cmdline\": \"trap '' TERM; sleep 600 & sleep 600\"}]}");
    ProcessStatus running = r.awaitRunning("main", START);
    List<Long> tree = new ArrayList<>();
    RunnerJvm.await("the background sleep started", START, v -> {
      tree.clear();
      tree.add((long) running.getPid());
      ProcessHandle.of(running.getPid()).ifPresent(h -> h.descendants()
          .forEach(d -> tree.add(d.pid())));
      return tree.size() >= 3;
    });

    CliRun run = force ? CliRun.of("kill", "--force", "--root", r.root.toString(), id)
        : CliRun.of("kill", "--root", r.root.toString(), id);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().endsWith("Killing " + id + "...done.\n"), run.out());
    assertEquals(TaskState.KILLED, end(r.state()));
    RunnerJvm.await("every process of the task gone", START,
        v -> tree.stream().noneMatch(RunnerJvm::alive));
    assertTrue(r.process.waitFor(START.toSeconds(), TimeUnit.SECONDS), "the runner exited");
    assertFinished(r);
  }
}
