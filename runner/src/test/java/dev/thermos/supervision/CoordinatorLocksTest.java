package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorLocksTest {
  @TempDir Path dir;

  @Test
  void theHolderOfACoordinatorCheckpointsLockIsVouchedFor() throws Exception {
    Path coordinator = Files.createFile(dir.resolve("coordinator.p"));
    Path runner = Files.createFile(dir.resolve("runner"));
    assertEquals(Set.of(), CoordinatorLocks.holders(dir));
    int other = FileLocks.openLocked(runner, LibC.O_RDONLY, 0);
    try {
      assertEquals(Set.of(), CoordinatorLocks.holders(dir), "the runner's lock vouches for nothing");
      int fd = FileLocks.openLocked(coordinator, LibC.O_RDONLY, 0);
      try {
        assertEquals(Set.of(LibC.getpid()), CoordinatorLocks.holders(dir));
      } finally {
        LibC.close(fd);
      }
    } finally {
      LibC.close(other);
    }
  }

  @Test
  void noDirectoryVouchesForNobody() {
    assertEquals(Set.of(), CoordinatorLocks.holders(dir.resolve("missing")));
  }
}
