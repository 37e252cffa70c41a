package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskMarkerTest {
  @TempDir Path dir;

  @Test
  void theEntryNamesTheTaskAndAHashOfTheRoot() {
    String entry = TaskMarker.of(Path.of("/var/run/thermos"), "hello_world").entry();
    assertTrue(entry.matches("THERMOS_TASK=hello_world:[0-9a-f]{16}"), entry);
  }

  @Test
  void theHashIsTheFirstEightBytesOfTheRootsSha256() {
    // Pinned: processes started by an earlier runner carry it, and must still be found.
    // (A root that does not exist is hashed as it is written.)
    assertEquals("THERMOS_TASK=t:2937defa7d06f425",
        TaskMarker.of(Path.of("/no/such/thermos/root"), "t").entry());
  }

  @Test
  void tasksOfOtherRootsOrIdsHaveOtherMarkers() {
    TaskMarker t = TaskMarker.of(Path.of("/r1"), "t");
    assertNotEquals(t.entry(), TaskMarker.of(Path.of("/r2"), "t").entry());
    assertNotEquals(t.entry(), TaskMarker.of(Path.of("/r1"), "u").entry());
    assertEquals(t.entry(), TaskMarker.of(Path.of("/r1/../r1"), "t").entry());
  }

  @Test
  void aRootReachedThroughASymlinkHasTheSameMarker() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertEquals(TaskMarker.of(real, "t").entry(), TaskMarker.of(link, "t").entry());
  }

  @Test
  void theCgroupNameUsesTheSameHash() {
    String hash = TaskMarker.of(Path.of("/r"), "t").value().substring(2);
    assertEquals("thermos-t-" + hash, TaskCgroup.name(Path.of("/r"), "t"));
  }
}
