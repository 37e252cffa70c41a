package dev.thermos.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AreaIndexTest {
  private final AreaIndex index = new AreaIndex();

  AreaIndexTest() {
    index.add("a", Path.of("/srv/a"));
    index.add("a", Path.of("/srv/a/.logs"));
    index.add("b", Path.of("/srv/b/sandbox"));
    index.add("c", Path.of("/logs/shared"));
    index.add("d", Path.of("/logs/shared"));
  }

  @Test
  void aTasksOwnAreasNeverOverlapIt() {
    assertEquals(Optional.empty(), index.overlap(Path.of("/srv/a"), "a"));
    assertEquals(Optional.empty(), index.overlap(Path.of("/srv/a/.logs"), "a"));
  }

  @Test
  void anAreaInsideOrAroundAnothersOverlaps() {
    assertEquals(Optional.of(Path.of("/srv/a")), index.overlap(Path.of("/srv/a/x"), "z"));
    assertEquals(Optional.of(Path.of("/srv/b/sandbox")), index.overlap(Path.of("/srv/b"), "z"));
    assertEquals(Optional.of(Path.of("/srv/b/sandbox")), index.overlap(Path.of("/srv"), "a"));
  }

  @Test
  void aSiblingWithTheSamePrefixDoesNotOverlap() {
    assertEquals(Optional.empty(), index.overlap(Path.of("/srv/a-old"), "z"));
    assertEquals(Optional.empty(), index.overlap(Path.of("/srv/b/sandbox2"), "z"));
  }

  @Test
  void anAreaSharedByTwoTasksOverlapsForBoth() {
    assertEquals(Optional.of(Path.of("/logs/shared")), index.overlap(Path.of("/logs/shared"), "c"));
    assertEquals(Optional.of(Path.of("/logs/shared")), index.overlap(Path.of("/logs/shared"), "d"));
  }
}
