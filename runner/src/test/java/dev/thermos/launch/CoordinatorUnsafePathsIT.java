package dev.thermos.launch;

import dev.thermos.posix.UnsafePathException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process of the task may plant links in its sandbox between two runs (and the runner is root):
 * the coordinator opens the logs and its checkpoint without following them, and a path it cannot
 * open safely stops the run before the command runs, with one line naming the path, and nothing
 * outside is touched.
 */
class CoordinatorUnsafePathsIT {
  private static final String PRECIOUS = "precious, not to be appended to or truncated\n";

  @TempDir Path root;
  private Runs runs;
  private Path outside;
  private Path ran;

  @BeforeEach
  void setUp() throws IOException {
    runs = new Runs(root);
    outside = Files.createDirectories(root.resolve("outside"));
    ran = root.resolve("ran");
  }

  /** {@code link}: the planted link, relative to the sandbox; the outside tree mirrors its target. */
  @ParameterizedTest(name = "{0} in {1} mode")
  @CsvSource({
      ".logs/p/0/stdout, STANDARD", ".logs/p/0/stdout, ROTATE",
      ".logs, STANDARD", ".logs, ROTATE",
      ".logs/p, STANDARD", ".logs/p, ROTATE"})
  void aPlantedLinkInTheLogPathStopsTheRunAndLeavesItsTargetAlone(String link, LogSpec.Mode mode)
      throws Exception {
    LaunchSpec spec = spec(mode);
    Path planted = spec.sandbox().resolve(link);
    Path target = link.endsWith("stdout") ? outside.resolve("secret") : outside;
    if (target.equals(outside)) {
      String below = spec.sandbox().resolve(link).relativize(spec.stdout()).toString();
      write(outside.resolve(below));
      write(outside.resolve(below.replace("stdout", "stderr")));
    } else {
      write(target);
    }
    Files.createDirectories(planted.getParent());
    Files.createSymbolicLink(planted, target);
    assertRefused(spec, planted, "a symbolic link (not followed)");
    assertNothingRecorded(spec);
  }

  @Test
  void aFifoForALogIsRefusedWithoutBlocking() throws Exception {
    LaunchSpec spec = spec(LogSpec.Mode.STANDARD);
    Files.createDirectories(spec.stdout().getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", spec.stdout().toString()).start();
    assertEquals(0, Runs.await(mkfifo));
    assertRefused(spec, spec.stdout(), "not a regular file");
    assertNothingRecorded(spec);
  }

  @Test
  void aLinkedCheckpointDirectoryIsRefused() throws Exception {
    LaunchSpec spec = spec(LogSpec.Mode.STANDARD);
    write(outside.resolve(spec.checkpoint().getFileName().toString()));
    Files.createDirectories(spec.checkpoint().getParent().getParent());
    Files.createSymbolicLink(spec.checkpoint().getParent(), outside);
    // The runner's launcher refuses it before starting anything; the coordinator on its own too.
    UnsafePathException refused = assertThrows(UnsafePathException.class,
        () -> CoordinatorLauncher.createDirectories(spec));
    assertTrue(refused.getMessage().contains(spec.checkpoint().getParent().toString()),
        refused.getMessage());
    assertRefused(spec, spec.checkpoint().getParent(), "a symbolic link (not followed)",
        Runs.startCapturingStderr(spec));
  }

  @Test
  void aLinkedCheckpointFileIsRefused() throws Exception {
    LaunchSpec spec = spec(LogSpec.Mode.STANDARD);
    write(outside.resolve("secret"));
    Files.createDirectories(spec.checkpoint().getParent());
    Files.createSymbolicLink(spec.checkpoint(), outside.resolve("secret"));
    Runs.Outcome outcome = Runs.runCapturingStderr(spec);
    assertEquals(CoordinatorExit.SETUP_ERROR, outcome.exitCode());
    assertEquals("thermos-coordinator: " + spec.checkpoint() + ": a symbolic link (not followed)\n",
        outcome.stderr());
    assertEquals(Map.of("secret", PRECIOUS), snapshot(outside));
    assertFalse(Files.exists(ran), "the command did not run");
  }

  @Test
  void aLogPathNotBelowTheSandboxIsRefused() throws Exception {
    LaunchSpec inside = spec(LogSpec.Mode.STANDARD);
    Path elsewhere = outside.resolve("stdout");
    LaunchSpec spec = new LaunchSpec(inside.checkpoint(), "p", 0, inside.sandbox(), elsewhere,
        inside.stderr(), inside.logs(), inside.cmdline(), Runs.ENV);
    assertRefused(spec, elsewhere, "not below the sandbox");
    assertNothingRecorded(spec);
  }

  /** Rotation renames relative to the directory it opened, not by a path a process can redirect. */
  @Test
  void aLogDirectorySwappedForALinkDuringARunIsNotFollowedByRotation() throws Exception {
    Path sandbox = runs.sandbox();
    write(outside.resolve("0/stdout"));
    write(outside.resolve("0/stdout.1"));
    LaunchSpec spec = runs.spec("p", 0, "mv .logs/p .logs/moved && ln -s " + outside
        + " .logs/p && head -c 5000 /dev/zero",
        new LogSpec(LogSpec.Destination.FILE, LogSpec.Mode.ROTATE, 1000, 2));
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    assertEquals(Map.of("0/stdout", PRECIOUS, "0/stdout.1", PRECIOUS), snapshot(outside));
    assertTrue(Files.exists(sandbox.resolve(".logs/moved/0/stdout.1")), "rotated where it was");
  }

  private LaunchSpec spec(LogSpec.Mode mode) throws IOException {
    return runs.spec("p", 0, "touch " + ran + "; echo out; echo err >&2",
        new LogSpec(LogSpec.Destination.FILE, mode, 10, 2));
  }

  private void assertRefused(LaunchSpec spec, Path path, String reason) throws Exception {
    Map<String, String> before = snapshot(outside);
    assertRefused(spec, path, reason, before, Runs.runCapturingStderr(spec));
  }

  private void assertRefused(LaunchSpec spec, Path path, String reason, Runs.Outcome outcome)
      throws Exception {
    assertRefused(spec, path, reason, snapshot(outside), outcome);
  }

  private void assertRefused(LaunchSpec spec, Path path, String reason,
      Map<String, String> before, Runs.Outcome outcome) throws Exception {
    assertEquals(CoordinatorExit.SETUP_ERROR, outcome.exitCode(), outcome.stderr());
    assertEquals("thermos-coordinator: " + path + ": " + reason + "\n", outcome.stderr());
    assertEquals(before, snapshot(outside), "nothing outside the sandbox changed");
    assertTrue(before.values().stream().allMatch(PRECIOUS::equals), "the fixture: " + before);
    assertFalse(Files.exists(ran), "the command did not run");
  }

  private static void assertNothingRecorded(LaunchSpec spec) throws IOException {
    assertEquals(0, Files.size(spec.checkpoint()), "nothing recorded");
  }

  private static void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, PRECIOUS);
  }

  /** Every file below {@code dir} (relative name to content). */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
