package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the coordinator sends a command's stdout and stderr, with real processes. */
class CoordinatorLogsIT {
  @TempDir Path root;
  private Runs runs;

  @BeforeEach
  void setUp() {
    runs = new Runs(root);
  }

  @Test
  void standardModeHasTheChildWriteItsLogFilesDirectly() throws Exception {
    LaunchSpec spec = runs.spec("std", 0, "echo out; echo err >&2; readlink /proc/$$/fd/1");
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    assertEquals("out\n" + spec.stdout() + "\n", Runs.read(spec.stdout()));
    assertEquals("err\n", Runs.read(spec.stderr()));
  }

  @Test
  void standardModeAppendsToExistingLogs() throws Exception {
    assertEquals(CoordinatorExit.OK, Runs.run(runs.spec("again", 0, "echo one")));
    assertEquals(CoordinatorExit.OK, Runs.run(runs.spec("again", 3, "echo two")));
    assertEquals("one\ntwo\n", Runs.read(runs.log("again", "stdout")));
  }

  @Test
  void rotateModeKeepsTheNewestOutputInTheBaseFileAndItsBackups() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.FILE, LogSpec.Mode.ROTATE, 70, 2);
    // One 7-byte line per write, paced so the coordinator sees them one by one.
    LaunchSpec spec = runs.spec("rot", 0,
        "for i in $(seq 31); do printf '%06d\\n' $i; sleep 0.02; done", logs);
    assertEquals(CoordinatorExit.OK, Runs.run(spec));

    Path base = spec.stdout();
    Path one = Path.of(base + ".1");
    Path two = Path.of(base + ".2");
    assertTrue(Files.exists(base) && Files.exists(one) && Files.exists(two));
    assertFalse(Files.exists(Path.of(base + ".3")));
    assertTrue(Files.size(one) >= 70 && Files.size(two) >= 70, "rotated at the size limit");
    String kept = Runs.read(two) + Runs.read(one) + Runs.read(base);
    String all = lines(31);
    assertTrue(all.endsWith(kept), "only the oldest output was discarded: " + kept);
    assertTrue(kept.length() >= 140);
    assertEquals("", Runs.read(spec.stderr()));
  }

  @Test
  void destinationNoneCreatesNoFiles() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.NONE, LogSpec.Mode.STANDARD, 100, 1);
    LaunchSpec spec = runs.spec("quiet", 0, "echo out; echo err >&2", logs);
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    assertFalse(Files.exists(spec.stdout()));
    assertFalse(Files.exists(spec.stderr()));
    assertEquals(ProcessState.SUCCESS, Runs.records(spec.checkpoint()).get(2).getState());
  }

  @Test
  void aGrandchildHoldingTheLogPipeDoesNotDelayTheRecordOfTheChildsEnd() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.FILE, LogSpec.Mode.ROTATE, 1 << 20, 1);
    LaunchSpec spec = runs.spec("orphan", 0, "sleep 30 & echo started $!; exit 2", logs);
    Process coordinator = Runs.launch(spec);
    try {
      assertEquals(CoordinatorExit.OK, Runs.await(coordinator));
      assertEquals(2, Runs.records(spec.checkpoint()).get(2).getReturnCode());
      String started = Runs.read(spec.stdout());
      assertTrue(started.matches("started [0-9]+\n"), started);
      // Not a speed check: the end was recorded while the grandchild still held the pipe.
      long grandchild = Long.parseLong(started.substring("started ".length()).trim());
      assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false),
          "the grandchild holding the log pipe had ended before the child's end was recorded");
    } finally {
      killGroup((int) coordinator.pid());
    }
  }

  @Test
  void bothSendsOutputToTheCoordinatorsConsoleAndToTheFiles() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.BOTH, LogSpec.Mode.STANDARD, 1 << 20, 1);
    LaunchSpec spec = runs.spec("both", 0, "echo out; echo err >&2", logs);
    Path console = Files.createDirectories(root.resolve("console"));
    Files.createDirectories(spec.stdout().getParent());
    assertEquals(CoordinatorExit.OK, runCapturingConsole(spec, console));
    assertEquals("out\n", Runs.read(spec.stdout()));
    assertEquals("err\n", Runs.read(spec.stderr()));
    assertEquals("out\n", Runs.read(console.resolve("stdout")));
    assertEquals("err\n", Runs.read(console.resolve("stderr")));
  }

  @Test
  void bothInRotateModeRotatesTheFilesAndCopiesEverythingToTheConsole() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.BOTH, LogSpec.Mode.ROTATE, 70, 1);
    LaunchSpec spec = runs.spec("bothrot", 0,
        "for i in $(seq 20); do printf '%06d\\n' $i; sleep 0.02; done", logs);
    Path console = Files.createDirectories(root.resolve("console"));
    Files.createDirectories(spec.stdout().getParent());
    assertEquals(CoordinatorExit.OK, runCapturingConsole(spec, console));
    String all = lines(20);
    assertEquals(all, Runs.read(console.resolve("stdout")));
    String kept = Runs.read(Path.of(spec.stdout() + ".1")) + Runs.read(spec.stdout());
    assertTrue(all.endsWith(kept) && kept.length() >= 70, kept);
    assertFalse(Files.exists(Path.of(spec.stdout() + ".2")));
  }

  @Test
  void consoleLetsTheChildWriteToTheCoordinatorsOwnOutput() throws Exception {
    LogSpec logs = new LogSpec(LogSpec.Destination.CONSOLE, LogSpec.Mode.ROTATE, 10, 1);
    LaunchSpec spec = runs.spec("console", 0, "echo out; echo err >&2", logs);
    Path console = Files.createDirectories(root.resolve("console"));
    assertEquals(CoordinatorExit.OK, runCapturingConsole(spec, console));
    assertEquals("out\n", Runs.read(console.resolve("stdout")));
    assertEquals("err\n", Runs.read(console.resolve("stderr")));
    assertFalse(Files.exists(spec.stdout()));
  }

  /** Runs the coordinator with its stdout and stderr going to files in {@code console}. */
  private static int runCapturingConsole(LaunchSpec spec, Path console) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(CoordinatorLauncher.located().command(spec));
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    builder.redirectOutput(console.resolve("stdout").toFile());
    builder.redirectError(console.resolve("stderr").toFile());
    Files.createDirectories(spec.checkpoint().getParent());
    return Runs.await(builder.start());
  }

  /** What {@code printf '%06d\n'} prints for 1 .. count. */
  private static String lines(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("%06d\n", i))
        .collect(Collectors.joining());
  }

  private static void killGroup(int pgid) {
    try {
      LibC.kill(-pgid, LibC.SIGKILL);
    } catch (com.sun.jna.LastErrorException e) {
      // The group is already gone.
    }
  }
}
