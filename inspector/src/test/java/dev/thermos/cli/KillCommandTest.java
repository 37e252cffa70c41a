package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Fixtures;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill and lose against Aurora's 2012 root, whose active task's runner is long dead. */
class KillCommandTest {
  private static final String TASK = "sleep60-lost";

  @TempDir Path dir;
  private Path root;

  @BeforeEach
  void copyRoot() throws IOException {
    root = Fixtures.copyAurora2012Root(dir);
  }

  private RunnerState state() throws IOException {
    return CheckpointReplay.replay(root.resolve("checkpoints").resolve(TASK).resolve("runner"))
        .state();
  }

  private static TaskStatus last(List<TaskStatus> statuses, int fromEnd) {
    return statuses.get(statuses.size() - 1 - fromEnd);
  }

  @Test
  void killingTheDeadTaskEndsItKilledWithItsRunLost() throws IOException {
    int before = state().getStatuses().size();

    CliRun run = CliRun.of("kill", "--root", root.toString(), "sleep60-l");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().endsWith("Killing sleep60-lost...done.\n"), run.out());
    RunnerState s = state();
    assertEquals(before + 2, s.getStatuses().size());
    assertEquals(TaskState.ACTIVE, last(s.getStatuses(), 1).getState());
    assertEquals(LibC.getpid(), last(s.getStatuses(), 1).getRunnerPid());
    assertEquals(TaskState.KILLED, last(s.getStatuses(), 0).getState());
    assertEquals(1, s.getProcesses().get("sleep").size());
    assertEquals(ProcessState.LOST, s.getProcesses().get("sleep").get(0).getState());
    assertFalse(Files.exists(root.resolve("tasks/active").resolve(TASK)));
    assertTrue(Files.exists(root.resolve("tasks/finished").resolve(TASK)));
  }

  @Test
  void forcedKillDoesTheSame() throws IOException {
    CliRun run = CliRun.of("kill", "--force", "--root", root.toString(), TASK);

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(TaskState.KILLED, last(state().getStatuses(), 0).getState());
  }

  /** A second active task whose id the first one's is a prefix of. */
  private void copyTaskAs(String id) throws IOException {
    Path checkpoints = Files.createDirectories(root.resolve("checkpoints").resolve(id));
    Files.copy(root.resolve("checkpoints").resolve(TASK).resolve("runner"),
        checkpoints.resolve("runner"));
    Files.copy(root.resolve("tasks/active").resolve(TASK), root.resolve("tasks/active").resolve(id));
  }

  @Test
  void anExactIdKillsOnlyThatTaskThoughItIsAPrefixOfAnother() throws IOException {
    copyTaskAs(TASK + "-prod");

    CliRun run = CliRun.of("kill", "--root", root.toString(), TASK);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(root.resolve("tasks/finished").resolve(TASK)));
    assertTrue(Files.exists(root.resolve("tasks/active").resolve(TASK + "-prod")));
  }

  @Test
  void aPatternMatchingSeveralTasksListsThemAndNeedsYesWithoutATerminal() throws IOException {
    copyTaskAs(TASK + "-prod");

    CliRun refused = CliRun.of("kill", "--root", root.toString(), "sleep");

    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.out().contains("  " + TASK + "\n  " + TASK + "-prod\n"), refused.out());
    assertTrue(refused.err().contains("-y"), refused.err());
    assertTrue(Files.exists(root.resolve("tasks/active").resolve(TASK)));
    assertTrue(Files.exists(root.resolve("tasks/active").resolve(TASK + "-prod")));

    CliRun all = CliRun.of("kill", "-y", "--root", root.toString(), "sleep");

    assertEquals(0, all.exitCode(), all.err());
    assertTrue(Files.exists(root.resolve("tasks/finished").resolve(TASK)));
    assertTrue(Files.exists(root.resolve("tasks/finished").resolve(TASK + "-prod")));
  }

  @Test
  void loseEndsItLost() throws IOException {
    CliRun run = CliRun.of("lose", "--root", root.toString(), TASK);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().endsWith("Losing sleep60-lost...done.\n"), run.out());
    assertEquals(TaskState.LOST, last(state().getStatuses(), 0).getState());
    assertTrue(Files.exists(root.resolve("tasks/finished").resolve(TASK)));
  }

  @Test
  void finishedTasksAreNotMatched() throws IOException {
    CliRun run = CliRun.of("kill", "--root", root.toString(), "sleep60$", "hello");

    assertEquals(1, run.exitCode());
    assertEquals("No active tasks matched.\n", run.out());
    assertEquals(1, CliRun.of("lose", "--root", root.toString(), "sleep60").exitCode());
  }

  @Test
  void aLockHeldByAnotherProcessIsNotTakenWithoutForce() throws IOException {
    Path checkpoint = root.resolve("checkpoints").resolve(TASK).resolve("runner");
    byte[] before = Files.readAllBytes(checkpoint);
    try (CheckpointWriter holder = CheckpointWriter.open(checkpoint)) {
      CliRun run = CliRun.of("kill", "--root", root.toString(), TASK);

      assertEquals(5, run.exitCode(), run.err());
      assertTrue(run.err().contains("thermos kill: sleep60-lost: "), run.err());
    }
    assertEquals(before.length, Files.readAllBytes(checkpoint).length);
    assertTrue(Files.exists(root.resolve("tasks/active").resolve(TASK)));
  }

  @Test
  void aBadRegexIsAUsageError() {
    assertEquals(2, CliRun.of("kill", "--root", root.toString(), "(").exitCode());
    assertEquals(2, CliRun.of("kill", "--root", root.toString()).exitCode());
  }
}
