package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.launch.CoordinatorBinary;
import dev.thermos.launch.CoordinatorExit;
import dev.thermos.launch.LaunchSpec;
import dev.thermos.launch.LogSpec;
import dev.thermos.launch.Spawner;
import dev.thermos.posix.LibC;
import dev.thermos.supervision.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a spawner's death, the coordinators it forked are children of this JVM (a child subreaper,
 * as the runner is): one that no answer named is found by its command line, and each is followed
 * to its end by its own pid.
 */
class StrayCoordinatorsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path root;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Spawner.Listener ignored = new Spawner.Listener() {
    @Override
    public void exited(int pid, int code) {}

    @Override
    public void spawnerEnded(Spawner spawner) {}
  };

  @BeforeAll
  static void becomeASubreaper() {
    LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  }

  @Test
  void aCoordinatorOfADeadSpawnerIsFoundUnlessKnownAndFollowedToItsEnd() throws Exception {
    Path go = root.resolve("sandbox/go");
    Spawner spawner = Spawner.start(CoordinatorBinary.locate(), ignored);
    int pid = spawner.spawn(spec("p", "touch started; until [ -e go ]; do sleep 0.02; done"));
    // Its go reached it once the command runs: only then is the spawner killed.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(root.resolve("sandbox/started")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(Files.exists(root.resolve("sandbox/started")), "the command never started");
    LibC.kill(spawner.pid(), LibC.SIGKILL);
    assertTrue(spawner.awaitEnd(TIMEOUT));
    assertEquals(pid, StrayCoordinators.forkedBy(spawner, Set.of()));
    assertEquals(0, StrayCoordinators.forkedBy(spawner, Set.of(pid)));
    ReparentedCoordinatorWaiter.await(spawner, "p", pid, root.resolve("coordinator.p"),
        events::add);
    Files.createFile(go);
    Event end = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(new Event.CoordinatorExited("p", pid, 0), end);
  }

  /** The runner died (and its spawner with it) before the run's WAITING was durable. */
  @Test
  void aCoordinatorWhoseSpawnerDiesBeforeItsGoRunsNothingAndExitsNotLaunched() throws Exception {
    Spawner spawner = Spawner.start(CoordinatorBinary.locate(), ignored);
    LaunchSpec spec = spec("p", "touch ran");
    int pid = spawner.spawn(spec, Spawner.request(spec));  // asked for, never told to go
    LibC.kill(spawner.pid(), LibC.SIGKILL);
    assertTrue(spawner.awaitEnd(TIMEOUT));
    ReparentedCoordinatorWaiter.await(spawner, "p", pid, root.resolve("coordinator.p"),
        events::add);
    Event end = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(new Event.CoordinatorExited("p", pid, CoordinatorExit.NOT_LAUNCHED), end);
    assertFalse(Files.exists(root.resolve("sandbox/ran")), "the command ran");
    assertEquals(0, Files.size(root.resolve("coordinator.p")), "a record was written");
  }

  @Test
  void aCoordinatorToldNotToGoRunsNothing() throws Exception {
    Spawner spawner = Spawner.start(CoordinatorBinary.locate(), ignored);
    try {
      LaunchSpec spec = spec("p", "touch ran");
      int pid = spawner.spawn(spec, Spawner.request(spec));
      spawner.go(pid, false);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (ProcessIdentity.isLive(pid) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertFalse(ProcessIdentity.isLive(pid), "still waiting after a no-go");
      assertFalse(Files.exists(root.resolve("sandbox/ran")), "the command ran");
    } finally {
      spawner.close();
    }
  }

  @Test
  void nothingIsFoundWhenTheDeadSpawnerForkedNothing() throws Exception {
    Spawner spawner = Spawner.start(CoordinatorBinary.locate(), ignored);
    LibC.kill(spawner.pid(), LibC.SIGKILL);
    assertEquals(0, StrayCoordinators.forkedBy(spawner, Set.of()));
  }

  private LaunchSpec spec(String process, String cmdline) throws Exception {
    Path sandbox = Files.createDirectories(root.resolve("sandbox"));
    return new LaunchSpec(root.resolve("coordinator." + process), process, 1, sandbox,
        sandbox.resolve("stdout"), sandbox.resolve("stderr"), LogSpec.standardFiles(), cmdline,
        Map.of("PATH", "/usr/bin:/bin", "HOME", sandbox.toString()));
  }
}
