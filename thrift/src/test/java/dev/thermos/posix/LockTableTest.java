package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTableTest {
  @TempDir Path dir;

  @Test
  void holdersAreFlocksByDeviceAndInodeAndWaitersAreNot() throws IOException {
    Path file = Files.createFile(dir.resolve("runner"));
    long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
    long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    String key = LockTable.key(dev, ino);
    LockTable table = LockTable.parse(List.of(
        "1: POSIX  ADVISORY  WRITE 7 " + key + " 0 EOF",
        "2: FLOCK  ADVISORY  WRITE 42 " + key + " 0 EOF",
        "2: -> FLOCK  ADVISORY  WRITE 43 " + key + " 0 EOF",
        "3: FLOCK  ADVISORY  WRITE 44 00:00:" + ino + " 0 EOF"));
    assertEquals(OptionalInt.of(42), table.holder(file));
    assertEquals(OptionalInt.empty(), LockTable.parse(List.of(
        "3: FLOCK  ADVISORY  WRITE 44 ff:ff:" + ino + " 0 EOF")).holder(file));
  }

  @Test
  void theKernelsTableNamesOurOwnFlock() throws IOException {
    Path file = Files.createFile(dir.resolve("locked"));
    int fd = FileLocks.openLocked(file, LibC.O_RDONLY, 0);
    try {
      assertTrue(fd >= 0);
      assertEquals(OptionalInt.of(LibC.getpid()), LockTable.read().holder(file));
    } finally {
      LibC.close(fd);
    }
    assertEquals(OptionalInt.empty(), LockTable.read().holder(file));
  }
}
