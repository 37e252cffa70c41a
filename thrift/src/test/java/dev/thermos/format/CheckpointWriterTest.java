package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("checkpoints").resolve("task").resolve("runner");
  }

  @Test
  void openCreatesDirectoriesAndAppendsReadBack() throws IOException {
    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      w.append(Records.task(TaskState.ACTIVE, 1, 2, 3));
      w.append(List.of(Records.waiting("a", 0), Records.forked("a", 1, 1.0, 9)));
      assertEquals(Files.size(file()), w.size());
    }
    ReplayResult result = CheckpointReplay.replay(file());
    assertEquals(3, result.records());
    assertEquals(ProcessState.FORKED, result.state().getProcesses().get("a").get(0).getState());
  }

  @Test
  void aSecondWriterIsRefused() throws IOException {
    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      w.append(Records.task(TaskState.ACTIVE, 1, 4242, 0));
      CheckpointLockedException e =
          assertThrows(CheckpointLockedException.class, () -> CheckpointWriter.open(file()));
      assertTrue(e.getMessage().contains("last runner pid 4242"), e.getMessage());
    }
    CheckpointWriter.open(file()).close();
  }

  @Test
  void utilLinuxFlockIsRefusedWhileWeHoldTheLock() throws Exception {
    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      assertEquals(1, flockNonBlocking(file()), "flock -n must fail while we hold the lock");
    }
    assertEquals(0, flockNonBlocking(file()), "flock -n must succeed once we closed");
  }

  @Test
  void weAreRefusedWhileUtilLinuxFlockHoldsTheLock() throws Exception {
    Files.createDirectories(file().getParent());
    Process holder = new ProcessBuilder("flock", "-n", file().toString(), "sh", "-c",
        "echo held; exec sleep 30").start();
    try {
      ChildJvm.awaitLine(holder, "held", Duration.ofSeconds(10));
      assertThrows(CheckpointLockedException.class, () -> CheckpointWriter.open(file()));
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void aTornTailIsTruncatedOnOpen() throws IOException {
    byte[] good = new RecordEncoder().frame(List.of(
        Records.task(TaskState.ACTIVE, 1, 2, 3), Records.waiting("a", 0)));
    byte[] partial = Arrays.copyOf(new RecordEncoder().frame(Records.forked("a", 1, 1.0, 9)), 9);
    Files.createDirectories(file().getParent());
    Files.write(file(), concat(good, partial));

    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      assertEquals(good.length, w.size());
      assertEquals(good.length, Files.size(file()));
      w.append(Records.forked("a", 1, 1.0, 9));
    }
    ReplayResult result = CheckpointReplay.replay(file());
    assertTrue(result.tornAt().isEmpty());
    assertEquals(3, result.records());
  }

  @Test
  void aCorruptStreamIsRefusedAndLeftUntouched() throws Exception {
    byte[] garbage = {0x7f, 0, 0, 0, 1, 2, 3, 4};
    Files.createDirectories(file().getParent());
    Files.write(file(), garbage);
    assertThrows(CorruptCheckpointException.class, () -> CheckpointWriter.open(file()));
    assertArrayEquals(garbage, Files.readAllBytes(file()));
    // and the lock was released
    assertEquals(0, flockNonBlocking(file()));
  }

  @Test
  void groupCommitWritesEveryRecordInOrder() throws IOException {
    List<RunnerCkpt> group = List.of(Records.waiting("a", 0), Records.forked("a", 1, 1.0, 2),
        Records.running("a", 2, 1.5, 3), Records.ended("a", 3, ProcessState.SUCCESS, 2.0, 0));
    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      w.append(group);
    }
    assertArrayEquals(new RecordEncoder().frame(group), Files.readAllBytes(file()));
  }

  @Test
  void appendAfterCloseIsMisuse() throws IOException {
    CheckpointWriter w = CheckpointWriter.open(file());
    w.close();
    assertThrows(IllegalStateException.class, () -> w.append(Records.waiting("a", 0)));
  }

  @Test
  void forcedOpenKillsTheLiveRunnerAndTakesTheLock() throws Exception {
    Files.createDirectories(file().getParent());
    Process runner = ChildJvm.start(WriterChild.class, "hold", file().toString());
    try {
      ChildJvm.awaitLine(runner, "locked", Duration.ofSeconds(30));
      assertThrows(CheckpointLockedException.class, () -> CheckpointWriter.open(file()));
      try (CheckpointWriter w = CheckpointWriter.openForced(file(), Duration.ofSeconds(10))) {
        w.append(Records.task(TaskState.ACTIVE, 2, (int) ProcessHandle.current().pid(), 0));
      }
      assertTrue(runner.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(137, runner.exitValue(), "SIGKILLed");
    } finally {
      runner.destroyForcibly();
    }
    assertEquals(2, CheckpointReplay.replay(file()).records());
  }

  @Test
  void forcedOpenRefusesToKillItself() throws IOException {
    try (CheckpointWriter w = CheckpointWriter.open(file())) {
      w.append(Records.task(TaskState.ACTIVE, 1, (int) ProcessHandle.current().pid(), 0));
      assertThrows(IllegalStateException.class,
          () -> CheckpointWriter.openForced(file(), Duration.ofMillis(100)));
    }
  }

  static int flockNonBlocking(Path file) throws Exception {
    return new ProcessBuilder("flock", "-n", file.toString(), "true").start().waitFor();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
