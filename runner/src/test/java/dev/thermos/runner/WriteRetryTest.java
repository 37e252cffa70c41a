package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointWriteException;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The backoff of a write to a full or read-only disk, with an injected sleeper (no real time). */
class WriteRetryTest {
  private static final Path FILE = Path.of("/root/checkpoints/t/runner");

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> said = new ArrayList<>();
  private final WriteRetry retry = new WriteRetry(sleeps::add, said::add);

  @ParameterizedTest(name = "errno {0}")
  @ValueSource(ints = {LibC.ENOSPC, LibC.EDQUOT, LibC.EROFS, LibC.EIO})
  void aDiskConditionIsRetriedWithDoublingDelaysUpToFiveSecondsAndSaidOnce(int errno)
      throws Exception {
    int[] tries = {0};
    retry.untilWritten(() -> {
      if (++tries[0] <= 9) {
        throw new CheckpointWriteException(FILE, errno, null);
      }
    });
    assertEquals(10, tries[0]);
    assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L),
        sleeps.stream().map(Duration::toMillis).toList());
    assertEquals(2, said.size(), said.toString());
    assertTrue(said.get(0).startsWith("cannot write " + FILE + ": " + LibC.strerror(errno)),
        said.get(0));
    assertTrue(said.get(0).contains("launching nothing new"), said.get(0));
    assertEquals(FILE + ": written again, going on", said.get(1));
  }

  @Test
  void aWriteThatSucceedsAtOnceNeitherSleepsNorSpeaks() throws Exception {
    int[] tries = {0};
    retry.untilWritten(() -> tries[0]++);
    assertEquals(1, tries[0]);
    assertEquals(List.of(), sleeps);
    assertEquals(List.of(), said);
  }

  @Test
  void anotherErrorIsThrownAtOnce() {
    CheckpointWriteException badFd = new CheckpointWriteException(FILE, 9, null);
    IOException thrown = assertThrows(IOException.class, () -> retry.untilWritten(() -> {
      throw badFd;
    }));
    assertSame(badFd, thrown);
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aDeletedCheckpointEndsTheWait() {
    int[] tries = {0};
    assertThrows(CheckpointDeletedException.class, () -> retry.untilWritten(() -> {
      if (++tries[0] == 3) {
        throw new CheckpointDeletedException(FILE);
      }
      throw new CheckpointWriteException(FILE, LibC.ENOSPC, null);
    }));
    assertEquals(2, sleeps.size());
  }
}
