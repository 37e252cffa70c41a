package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.SandboxMarker;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskRootBuilder;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gc removes a sandbox outside {@code <root>/sandbox/} only with the runner's marker for that task
 * and root, and never a mount point: a forged checkpoint header alone deletes nothing, in a dry run
 * or a real one.
 */
class GcSandboxProofTest {
  @TempDir Path dir;
  private Path root;
  private Path victim;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    victim = Files.createDirectories(dir.resolve("victim"));
    Files.writeString(victim.resolve("precious"), "keep me");
  }

  private CliRun gc(String... args) {
    return CliRun.of(Stream.concat(Stream.of("gc", "--root", root.toString()), Stream.of(args))
        .toArray(String[]::new));
  }

  /** A finished task whose (forged) header names {@code sandbox}. */
  private void forged(String id, Path sandbox) throws IOException {
    TaskPaths paths = new TaskPaths(root);
    try (CheckpointWriter w = CheckpointWriter.open(paths.runnerCheckpoint(id))) {
      w.append(List.of(Records.task(TaskState.ACTIVE, 1, 1, 0),
          RunnerCkpt.runner_header(new RunnerHeader().setTaskId(id).setSandbox(sandbox.toString())
              .setLogDir(sandbox.resolve(".logs").toString())),
          Records.task(TaskState.SUCCESS, 2, 1, 0)));
    }
    Files.createDirectories(paths.tasksDirectory(TaskPaths.TaskFileState.FINISHED));
    Files.writeString(paths.taskFile(TaskPaths.TaskFileState.FINISHED, id), "{}");
  }

  private void mark(Path sandbox, String taskId, Path markedRoot) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(sandbox, false)) {
      SandboxMarker.write(d, taskId, markedRoot);
    }
  }

  private void assertRefusedAndSurvives(Path area, String why) {
    CliRun dry = gc("--dry-run", "--max-age", "0s");
    CliRun named = gc("-y", "bad");
    CliRun real = gc("-y", "--max-age", "0s");

    assertTrue(dry.err().contains("skipped bad: " + area), dry.err());
    assertTrue(dry.err().contains(why), dry.err());
    assertEquals(1, named.exitCode(), named.out() + named.err());
    assertTrue(named.err().contains("skipped bad: "), named.err());
    assertTrue(real.err().contains("skipped bad: "), real.err());
    assertTrue(Files.exists(area), "survives: " + area);
    assertTrue(Files.exists(root.resolve("checkpoints/bad/runner")), "the task is left");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "other task", "other root", "link", "other owner", "garbage"})
  void aForgedHeaderNamingAnOutsideDirectoryDeletesNothing(String marker) throws IOException {
    forged("bad", victim);
    Path genuine = Files.createDirectories(dir.resolve("genuine"));
    switch (marker) {
      case "other task" -> mark(victim, "someone-else", root.toRealPath());
      case "other root" -> mark(victim, "bad", dir.resolve("another-root"));
      case "link" -> {
        mark(genuine, "bad", root.toRealPath());
        Files.createSymbolicLink(victim.resolve(SandboxMarker.FILE),
            genuine.resolve(SandboxMarker.FILE));
      }
      case "other owner" -> {
        mark(victim, "bad", root.toRealPath());
        Files.setAttribute(victim.resolve(SandboxMarker.FILE), "unix:uid", 4242);
      }
      case "garbage" -> Files.writeString(victim.resolve(SandboxMarker.FILE), "bad " + root);
      default -> { }
    }

    assertRefusedAndSurvives(victim, ".thermos_sandbox");
    assertEquals("keep me", Files.readString(victim.resolve("precious")));
  }

  @Test
  void aSandboxWithTheRunnersMarkerOutsideTheRootIsCollected() throws IOException {
    Path sandbox = new TaskRootBuilder(root).task("ok", TaskState.SUCCESS,
        dir.resolve("outside-sandbox"), Instant.now(), 10);

    CliRun run = gc("-y", "ok");

    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(sandbox));
  }

  @Test
  void theRootSandboxesDirectoryItselfNeedsAMarker() throws IOException {
    Path sandboxes = Files.createDirectories(root.resolve("sandbox"));
    Files.writeString(sandboxes.resolve("other-task-data"), "x");
    forged("bad", sandboxes);

    assertRefusedAndSurvives(sandboxes, ".thermos_sandbox");
  }

  /** Runs {@code mount ARGS... target}; skips the test (visibly) where mounting is not allowed. */
  private static void mount(Path target, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("mount"));
    argv.addAll(List.of(args));
    argv.add(target.toString());
    Process mount = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String said = new String(mount.getInputStream().readAllBytes());
    assumeTrue(mount.waitFor() == 0, "cannot mount here (needs root): " + said.trim());
  }

  @Test
  void aBindMountInsideASandboxIsNeitherEnteredNorEmptied() throws Exception {
    Path sandbox = new TaskRootBuilder(root).finished("t", Instant.now(), 10);
    Path bound = Files.createDirectories(sandbox.resolve("bound"));
    mount(bound, "--bind", victim.toString());
    try {
      CliRun run = gc("-y", "t");

      assertTrue(run.err().contains("(a mount point)"), run.err());
      assertEquals("keep me", Files.readString(victim.resolve("precious")));
    } finally {
      new ProcessBuilder("umount", bound.toString()).start().waitFor();
    }
  }

  @Test
  void aMountPointIsNeverCollectedEvenWithAValidMarker() throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("mnt"));
    mount(mnt, "-t", "tmpfs", "-o", "size=1m", "tmpfs");
    try {
      Files.writeString(mnt.resolve("precious"), "keep me");
      forged("bad", mnt);
      mark(mnt, "bad", root.toRealPath());

      assertRefusedAndSurvives(mnt, "a mount point");
      assertEquals("keep me", Files.readString(mnt.resolve("precious")));
    } finally {
      new ProcessBuilder("umount", mnt.toString()).start().waitFor();
    }
  }
}
