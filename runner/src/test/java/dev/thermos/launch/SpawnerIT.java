package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spawner forks coordinators that behave as ones started alone, and reports their exits. */
class SpawnerIT {
  @TempDir Path root;
  private Runs runs;
  private final BlockingQueue<int[]> exits = new LinkedBlockingQueue<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Spawner.Listener listener = new Spawner.Listener() {
    @Override
    public void exited(int pid, int code) {
      exits.add(new int[] {pid, code});
    }

    @Override
    public void spawnerEnded(Spawner spawner) {
      ended.countDown();
    }
  };

  @BeforeEach
  void setUp() {
    runs = new Runs(root);
  }

  @Test
  void aForkedCoordinatorRecordsItsRunAndItsExitIsReported() throws Exception {
    try (Spawner spawner = Spawner.start(CoordinatorBinary.locate(), listener)) {
      LaunchSpec spec = runs.spec("flaky", 4, "echo $HOME; exit 3");
      int pid = spawner.spawn(spec);
      int[] exit = exits.poll(30, TimeUnit.SECONDS);
      assertEquals(pid, exit[0]);
      assertEquals(CoordinatorExit.OK, exit[1]);
      List<ProcessStatus> records = Runs.records(spec.checkpoint());
      assertEquals(List.of(ProcessState.FORKED, ProcessState.RUNNING, ProcessState.FAILED),
          records.stream().map(ProcessStatus::getState).toList());
      assertEquals(pid, records.get(0).getCoordinatorPid());
      assertEquals(3, records.get(2).getReturnCode());
      assertEquals(spec.environment().get("HOME"), Runs.read(spec.stdout()).trim());
    }
    assertTrue(ended.await(30, TimeUnit.SECONDS), "closing stdin ends the spawner");
  }

  @Test
  void aLockedCheckpointIsReportedWithTheCoordinatorsExitCode() throws Exception {
    try (Spawner spawner = Spawner.start(CoordinatorBinary.locate(), listener)) {
      // Both runs are long: whichever takes the lock first is still running when the other is
      // refused.
      int first = spawner.spawn(runs.spec("same", 1, "sleep 5"));
      int second = spawner.spawn(runs.spec("same", 1, "sleep 5"));
      int[] exit = exits.poll(30, TimeUnit.SECONDS);
      assertEquals(CoordinatorExit.LOCKED, exit[1]);
      assertTrue(exit[0] == first || exit[0] == second);
      int winner = exit[0] == first ? second : first;
      assertTrue(ProcessHandle.of(winner).map(ProcessHandle::isAlive).orElse(false));
      ProcessHandle.of(winner).ifPresent(h -> {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
      });
    }
    assertTrue(ended.await(30, TimeUnit.SECONDS));
  }

  @Test
  void coordinatorsOutliveTheSpawner() throws Exception {
    int pid;
    LaunchSpec spec = runs.spec("long", 1, "sleep 1");
    try (Spawner spawner = Spawner.start(CoordinatorBinary.locate(), listener)) {
      pid = spawner.spawn(spec);
    }
    assertTrue(ended.await(30, TimeUnit.SECONDS));
    // The coordinator goes on without the spawner and records the end of its run. It may not
    // even have created its checkpoint yet when the spawner is gone.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<ProcessStatus> records = List.of();
    while (records.size() < 3 && System.nanoTime() < deadline) {
      if (Files.exists(spec.checkpoint())) {
        records = Runs.records(spec.checkpoint());
      }
      Thread.sleep(20);
    }
    assertEquals(pid, records.get(0).getCoordinatorPid());
    assertEquals(ProcessState.SUCCESS, records.get(records.size() - 1).getState());
  }

  @Test
  void orphansOfAnEndedRunAreReapedByTheSpawnerAndNotReported() throws Exception {
    try (Spawner spawner = Spawner.start(CoordinatorBinary.locate(), listener)) {
      int first = spawner.spawn(runs.spec("leaver", 1,
          "sleep 2 & echo $! > orphan.tmp; mv orphan.tmp orphan.pid"));
      assertEquals(first, exits.poll(30, TimeUnit.SECONDS)[0]);
      int orphan = Integer.parseInt(Files.readString(runs.sandbox().resolve("orphan.pid")).trim());
      // Its shell and coordinator ended: the orphan was re-parented to the spawner (a subreaper).
      assertEquals(spawner.pid(), parentOf(orphan));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Files.exists(Path.of("/proc", Integer.toString(orphan)))) {
        assertTrue(System.nanoTime() < deadline, "the orphan was not reaped");
        Thread.sleep(20);
      }
      int second = spawner.spawn(runs.spec("after", 1, "true"));
      assertEquals(second, exits.poll(30, TimeUnit.SECONDS)[0], "the orphan was reported");
    }
  }

  @Test
  void aReplyDescriptorThatIsNotTheGivenPipeIsRefusedUnopened() throws Exception {
    Process p = new ProcessBuilder(CoordinatorBinary.locate().toString(), "--spawner",
        "--replies", "1", "12345").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(71, p.exitValue());
    assertTrue(output.contains("not the runner's reply pipe"), output);
  }

  private static int parentOf(int pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
  }
}
