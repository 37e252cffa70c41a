package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.launch.CoordinatorBinary;
import dev.thermos.launch.LaunchSpec;
import dev.thermos.launch.LogSpec;
import dev.thermos.launch.Spawner;
import dev.thermos.posix.LibC;
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
    int pid = spawner.spawn(spec("p", "until [ -e go ]; do sleep 0.02; done"));
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
