package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupMountsTest {
  private static final List<String> HYBRID = List.of(
      "25 1 0:23 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755",
      "26 25 0:24 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
      "27 25 0:25 / /sys/fs/cgroup/unified rw,relatime shared:10 - cgroup2 cgroup2 rw");

  @Test
  void theCgroup2MountIsFoundAmongV1Mounts() {
    assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), CgroupMounts.mountPoint(HYBRID));
  }

  @Test
  void escapedSpacesInTheMountPointAreUndone() {
    assertEquals(Optional.of(Path.of("/mnt/cg roups")), CgroupMounts.mountPoint(
        List.of("30 1 0:26 / /mnt/cg\\040roups rw - cgroup2 none rw")));
  }

  @Test
  void withoutACgroup2MountOrAV2LineThereIsNoCgroup() {
    assertEquals(Optional.empty(), CgroupMounts.mountPoint(HYBRID.subList(0, 2)));
    assertEquals(Optional.empty(), CgroupMounts.ownCgroup(HYBRID, List.of("4:memory:/x")));
  }

  @Test
  void theRootCgroupIsTheMountItself() {
    assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")),
        CgroupMounts.ownCgroup(HYBRID, List.of("4:memory:/x", "0::/")));
  }

  @Test
  void anOwnCgroupThatIsNotVisibleFallsBackToTheMount() {
    // Inside a cgroup namespace, or a path this test machine does not have.
    assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")),
        CgroupMounts.ownCgroup(HYBRID, List.of("0::/no/such/cgroup/here")));
  }
}
