package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.posix.LibC;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The kill ladder against a made-up process table and a signal sender that records (and refuses on
 * demand): no real process is signalled.
 *
 * <pre>
 *   1 init
 *   ├── 100 runner (session 100)
 *   │   ├── 101 spawner (session 100)
 *   │   │   └── 200 coordinator (group and session 200)
 *   │   │       └── 201 user process (200) ── 202 its child (200)
 *   │   ├── 110 stranger, HOME=sandbox, started by the runner's JVM (session 100)
 *   │   └── 120 orphan of the task, env -i, setsid (session 120)
 *   ├── 300 marked orphan of a crashed runner of this task (session 300)
 *   ├── 400 process of another task with the same sandbox (its marker, HOME=sandbox)
 *   └── 500 stranger, HOME=sandbox
 * </pre>
 */
class StopperTest {
  private static final TaskMarker MARKER = TaskMarker.of(Path.of("/r"), "t");
  private static final TaskMarker OTHER = TaskMarker.of(Path.of("/r"), "u");
  private static final String HOME = "HOME=/r/sandbox/t";

  private final List<Integer> sent = new ArrayList<>();
  private final Set<Integer> refusing = new TreeSet<>();
  private final List<SignalException> told = new ArrayList<>();
  private final List<ProcessTree.Entry> entries = new ArrayList<>(List.of(
      entry(1, 0, 1), entry(100, 1, 100), entry(101, 100, 100), entry(200, 101, 200),
      entry(201, 200, 200), entry(202, 201, 200), entry(110, 100, 100), entry(120, 100, 120),
      entry(300, 1, 300), entry(400, 1, 400), entry(500, 1, 500)));
  private final Map<Integer, String> environments = new HashMap<>(Map.of(
      201, HOME + "\0" + MARKER.entry(), 202, MARKER.entry() + "\0" + HOME,
      110, HOME, 120, "", 300, MARKER.entry(), 400, OTHER.entry() + "\0" + HOME, 500, HOME));

  private static ProcessTree.Entry entry(int pid, int ppid, int session) {
    return new ProcessTree.Entry(pid, ppid, session, session, 'S', 0);
  }

  private final Set<Integer> lockHolders = new TreeSet<>();

  private Stopper stopper() {
    return new Stopper(100, new Victims(100, MARKER, () -> lockHolders), Optional.empty(),
        () -> ProcessTree.of(entries, pid -> Optional.ofNullable(environments.get(pid))
            .map(s -> (s + "\0").getBytes(StandardCharsets.UTF_8))),
        (pid, signal) -> {
          if (refusing.contains(pid)) {
            throw new SignalException(pid, signal, LibC.EPERM);
          }
          sent.add(pid);
          return true;
        }, told::add);
  }

  @Test
  void aRefusedSignalIsReportedAndTheOthersAreStillSignalled() {
    refusing.add(201);
    StopReport report = stopper().killAll(List.of(200));
    assertEquals(List.of(-200, 200, 202), sent, "everything but the unkillable one");
    assertEquals(1, report.failures().size());
    assertEquals(201, report.failures().get(0).pid());
    assertEquals(LibC.EPERM, report.failures().get(0).errno());
    assertEquals(report.failures(), told, "the listener heard of it as it happened");
  }

  @Test
  void killingNoRunsReadsNoProcessTableAndSignalsNothing() {
    Stopper stopper = new Stopper(100, new Victims(100, MARKER, Set::of), Optional.empty(), () -> {
      throw new AssertionError("the process table was read");
    }, (pid, signal) -> sent.add(pid), told::add);
    assertEquals(List.of(), stopper.killAll(List.of()).failures());
    assertEquals(List.of(), sent);
  }

  @Test
  void theSweepGoesOnPastEveryRefusal() {
    refusing.addAll(Set.of(200, 201, 120));
    StopReport report = stopper().killEverything(List.of(200));
    assertEquals(new TreeSet<>(Set.of(202, 300)), new TreeSet<>(sent));
    assertEquals(new TreeSet<>(Set.of(200, 201, 120)),
        new TreeSet<>(report.failures().stream().map(SignalException::pid).toList()));
  }

  @Test
  void theSweepTakesTheTasksProcessesAndNobodyElses() {
    stopper().killEverything(List.of(200));
    assertEquals(new TreeSet<>(Set.of(200, 201, 202, 120, 300)), new TreeSet<>(sent),
        "not the runner, its spawner, a stranger with HOME=<sandbox>, nor another task's process");
  }

  @Test
  void theSweepRepeatsUntilARoundFindsNothingNew() {
    List<List<Integer>> rounds = new ArrayList<>();
    Stopper stopper = new Stopper(100, new Victims(100, MARKER, Set::of), Optional.empty(), () -> {
      // A process of the task forks between two looks: the child shows up in the second.
      if (rounds.size() == 1) {
        entries.add(entry(130, 100, 130));
        environments.put(130, "");
      }
      rounds.add(List.copyOf(sent));
      return ProcessTree.of(entries, pid -> Optional.ofNullable(environments.get(pid))
          .map(s -> (s + "\0").getBytes(StandardCharsets.UTF_8)));
    }, (pid, signal) -> sent.add(pid), told::add);
    stopper.killEverything(List.of());
    assertTrue(sent.contains(130), "the late child was swept: " + sent);
    // Looks: two rounds that found something, one that found nothing, then the reaping of zombies.
    assertEquals(4, rounds.size(), "three sweeps and the reaping");
  }

  @Test
  void anAdoptedCoordinatorsDescendantsAreKilledOnlyWhenItsLockVouchesForIt() {
    // 600: a coordinator started by an earlier runner (re-parented to init); 601 left its group
    // and session and cleared its environment, but is still below its coordinator (a subreaper).
    entries.addAll(List.of(entry(600, 1, 600), entry(601, 600, 601)));
    environments.put(601, "");
    stopper().killAll(List.of(600));
    assertEquals(List.of(), sent, "a live pid that no lock vouches for may have been reused: "
        + "neither it nor its group is signalled");
    sent.clear();
    lockHolders.add(600);
    stopper().killAll(List.of(600));
    assertEquals(List.of(-600, 600, 601), sent);
  }

  @Test
  void orphansGetTheSignalUnlessTheirGroupGetsIt() {
    stopper().signalOrphans(List.of(200), LibC.SIGTERM);
    assertEquals(List.of(120), sent);
  }

  @Test
  void killMarkedTakesOnlyProcessesWithTheTasksMarker() {
    stopper().killMarked();
    assertEquals(new TreeSet<>(Set.of(201, 202, 300)), new TreeSet<>(sent));
  }
}
