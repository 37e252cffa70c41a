package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.inspect.TaskRootBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcCommandTest {
  private static final Instant NOW = Instant.now();

  @TempDir Path dir;
  private Path root;
  private TaskRootBuilder tasks;

  @BeforeEach
  void setUp() throws IOException {
    root = dir.resolve("root");
    Files.createDirectories(root);
    tasks = new TaskRootBuilder(root);
  }

  private CliRun gc(String... args) {
    String[] all = Stream.concat(Stream.of("gc", "--root", root.toString()), Stream.of(args))
        .toArray(String[]::new);
    return CliRun.of(all);
  }

  private static List<String> tree(Path top) throws IOException {
    try (Stream<Path> s = Files.walk(top)) {
      return s.map(Path::toString).sorted().toList();
    }
  }

  private boolean gone(String id) {
    return !Files.exists(root.resolve("checkpoints").resolve(id))
        && !Files.exists(root.resolve("tasks/finished").resolve(id))
        && !Files.exists(root.resolve("sandbox").resolve(id));
  }

  @Test
  void symlinksInASandboxAreRemovedNeverFollowed() throws IOException {
    Path outside = dir.resolve("outside");
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/precious"), "keep me");
    Files.writeString(outside.resolve("file"), "keep me too");
    Path sandbox = tasks.finished("t1", NOW.minus(Duration.ofDays(3)), 100);
    Files.createSymbolicLink(sandbox.resolve("to-dir"), outside.resolve("dir"));
    Files.createSymbolicLink(sandbox.resolve("to-file"), outside.resolve("file"));
    Files.createDirectories(sandbox.resolve(".logs/p/0/deep"));
    Files.createSymbolicLink(sandbox.resolve(".logs/p/0/deep/up"), outside);
    Files.createSymbolicLink(sandbox.resolve("to-root"), Path.of("/"));
    List<String> before = tree(outside);

    CliRun run = gc("-y", "t1");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(before, tree(outside));
    assertEquals("keep me", Files.readString(outside.resolve("dir/precious")));
    assertEquals("keep me too", Files.readString(outside.resolve("file")));
    assertTrue(gone("t1"), tree(root).toString());
    assertTrue(run.out().contains("removed t1: "), run.out());
  }

  @Test
  void aSandboxThatIsALinkLosesTheLinkNotItsTarget() throws IOException {
    Path real = dir.resolve("elsewhere");
    Files.createDirectories(real);
    Files.writeString(real.resolve("precious"), "keep me");
    Path link = root.resolve("sandbox/t1");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, real);
    tasks.task("t1", TaskState.SUCCESS, link, NOW, 10);

    CliRun run = gc("-y", "t1");

    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep me", Files.readString(real.resolve("precious")));
  }

  @Test
  void anActiveTaskIsNeverCollected() throws IOException {
    tasks.task("live", TaskState.ACTIVE, root.resolve("sandbox/live"), NOW.minus(Duration.ofDays(9)),
        10);
    tasks.finished("old", NOW.minus(Duration.ofDays(5)), 10);
    List<String> live = tree(root.resolve("sandbox/live"));

    CliRun named = gc("-y", "live");
    CliRun all = gc("-y", "--max-tasks", "0");

    assertEquals(1, named.exitCode());
    assertTrue(named.out().contains("No finished tasks matched."), named.out());
    assertEquals(0, all.exitCode(), all.err());
    assertTrue(gone("old"));
    assertEquals(live, tree(root.resolve("sandbox/live")));
    assertTrue(Files.exists(root.resolve("tasks/active/live")));
    assertTrue(Files.exists(root.resolve("checkpoints/live/runner")));
  }

  @Test
  void aTaskWhoseRunnerHoldsTheLockIsNeverCollected() throws IOException {
    tasks.finished("held", NOW.minus(Duration.ofDays(5)), 10);
    List<String> before = tree(root);
    try (CheckpointWriter lock = CheckpointWriter.open(root.resolve("checkpoints/held/runner"))) {
      CliRun all = gc("-y", "--max-tasks", "0");
      CliRun named = gc("-y", "held");

      assertEquals(0, all.exitCode(), all.err());
      assertTrue(all.err().contains("held: runner checkpoint locked"), all.err());
      assertEquals(1, named.exitCode());
    }
    assertEquals(before, tree(root));
  }

  /** A finished task whose header names {@code sandbox}, which gc must refuse. */
  private void finishedWithSandbox(String id, String sandbox) throws IOException {
    TaskPaths paths = new TaskPaths(root);
    try (CheckpointWriter w = CheckpointWriter.open(paths.runnerCheckpoint(id))) {
      w.append(List.of(Records.task(TaskState.ACTIVE, 1, 1, 0),
          RunnerCkpt.runner_header(new RunnerHeader().setTaskId(id).setSandbox(sandbox)
              .setLogDir(sandbox)),
          Records.task(TaskState.SUCCESS, 2, 1, 0)));
    }
    Files.createDirectories(paths.tasksDirectory(TaskPaths.TaskFileState.FINISHED));
    Files.writeString(paths.taskFile(TaskPaths.TaskFileState.FINISHED, id), "{}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "ROOT", "DIR", "ROOT/checkpoints", "ROOT/tasks/finished",
      "ROOT/sandbox/other", "ROOT/sandbox/other/inner", "ROOT/sandbox", "relative/path", "/tmp"})
  void sandboxesOutsideWhatTheTaskOwnsAreRefused(String sandbox) throws IOException {
    tasks.finished("other", NOW, 10);
    Files.createDirectories(root.resolve("sandbox/other/inner"));
    finishedWithSandbox("bad", sandbox.replace("ROOT", root.toString())
        .replace("DIR", dir.toString()));
    List<String> before = tree(dir);

    CliRun run = gc("-y", "bad");

    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("skipped bad: "), run.err());
    assertEquals(before, tree(dir));
  }

  @Test
  void dryRunRemovesNothingAndPrintsThePlanItWouldCarryOut() throws IOException {
    tasks.finished("a", NOW.minus(Duration.ofDays(3)), 1000);
    tasks.finished("b", NOW.minus(Duration.ofDays(2)), 2000);
    List<String> before = tree(root);

    CliRun dry = gc("--dry-run", "--max-age", "1d");
    assertEquals(0, dry.exitCode(), dry.err());
    assertEquals(before, tree(root));
    CliRun real = gc("-y", "--max-age", "1d");

    assertEquals(0, real.exitCode(), real.err());
    List<String> plan = dry.out().lines().filter(l -> l.startsWith("  ")).toList();
    assertEquals(2, plan.size(), dry.out());
    assertEquals(plan, real.out().lines().filter(l -> l.startsWith("  ")).toList());
    assertTrue(plan.get(0).startsWith("  a "), "oldest first: " + plan);
    long planned = Long.parseLong(
        dry.out().replaceAll("(?s).*would free (?:[^(\\n]*\\()?(\\d+) bytes.*", "$1"));
    long freed = Long.parseLong(
        real.out().replaceAll("(?s).*Freed (?:[^(\\n]*\\()?(\\d+) bytes.*", "$1"));
    assertEquals(planned, freed);
    assertTrue(freed >= 3000, real.out());
    assertTrue(gone("a") && gone("b"));
  }

  @Test
  void withoutATerminalOrYesNothingIsRemoved() throws IOException {
    tasks.finished("a", NOW.minus(Duration.ofDays(3)), 10);
    List<String> before = tree(root);

    CliRun run = gc("a");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("-y"), run.err());
    assertEquals(before, tree(root));
  }

  @Test
  void policiesSelectByAgeCountAndSpace() throws IOException {
    for (int i = 0; i < 4; i++) {
      tasks.finished("t" + i, NOW.minus(Duration.ofDays(10 - i)).plus(Duration.ofHours(12)), 10_000);
    }
    assertEquals(0, gc("-y", "--max-age", "9d").exitCode());
    assertTrue(gone("t0") && !gone("t1"));
    assertEquals(0, gc("-y", "--max-tasks", "2").exitCode());
    assertTrue(gone("t1") && !gone("t2"));
    assertEquals(0, gc("-y", "--max-space", "15K").exitCode());
    assertTrue(gone("t2") && !gone("t3"));
  }

  @Test
  void keepLogsAndKeepMetadataLeaveThem() throws IOException {
    Path sandbox = tasks.finished("a", NOW, 10);

    CliRun run = gc("-y", "--keep-logs", "--keep-metadata", "a");

    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(sandbox.resolve("data")));
    assertTrue(Files.exists(sandbox.resolve(".logs/p/0/stdout")));
    assertTrue(Files.exists(root.resolve("checkpoints/a/runner")));
    assertTrue(Files.exists(root.resolve("tasks/finished/a")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--max-age=3", "--max-age=2w", "--max-space=1X", "--max-tasks=-1"})
  void badLimitsAreUsageErrors(String option) {
    assertEquals(2, gc(option).exitCode());
  }

  @Test
  void aurorasSpellingsWork() throws IOException {
    tasks.finished("old", NOW.minus(Duration.ofDays(3)), 10);
    tasks.finished("new", NOW, 10);
    List<String> before = tree(root);
    CliRun dry = gc("--dryrun", "--max_age", "2d5h", "--delete-logs", "--delete-metadata");
    assertEquals(0, dry.exitCode(), dry.err());
    assertEquals(before, tree(root));
    assertTrue(dry.out().contains("1 of 2 collectable finished tasks selected."), dry.out());
    CliRun real = gc("--force", "--max_tasks", "1", "--max_space", "1G");
    assertEquals(0, real.exitCode(), real.err());
    assertTrue(gone("old") && !gone("new"));
  }

  @Test
  void aNegativeTaskLimitIsNamedInOneLine() {
    CliRun run = gc("--max-tasks", "-1");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("thermos gc: --max-tasks -1: must be 0 or more\n"), run.err());
    assertFalse(run.err().contains("9223372036854775807"), run.err());
  }

  @Test
  void withoutALimitOrATaskGcSaysWhatItNeeds() {
    CliRun run = gc();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("give --max-age, --max-tasks, --max-space or finished TASK ids"),
        run.err());
  }

  @Test
  void sizesAreReadableTimesLocalAndCountsSingularWhenOne() throws IOException {
    tasks.finished("a", NOW.minus(Duration.ofDays(3)), 3000);
    CliRun dry = gc("--dry-run", "--max-age", "1d");
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains(": 1 of 1 collectable finished task selected."), dry.out());
    assertTrue(dry.out().contains(" from 1 task.\n"), dry.out());
    String plan = dry.out().lines().filter(l -> l.startsWith("  a ")).findFirst().orElseThrow();
    assertTrue(plan.matches("  a \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, \\d+\\.\\d KiB\\): .*"),
        plan);
    CliRun real = gc("-y", "--max-age", "1d");
    assertTrue(real.out().matches("(?s).*removed a: \\d+\\.\\d KiB\\n.*"), real.out());
    assertTrue(real.out().matches("(?s).*Freed \\d+\\.\\d KiB \\(\\d+ bytes\\) from 1 task\\.\\n.*"),
        real.out());
  }
}
