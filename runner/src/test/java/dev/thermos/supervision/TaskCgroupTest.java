package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.TaskPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming and finding a task's cgroup (killing one is covered by TreeKillIT). */
class TaskCgroupTest {
  @Test
  void aRecordNamingAnotherCgroupIsNotTrusted(@TempDir Path root) throws Exception {
    TaskPaths paths = new TaskPaths(root);
    Files.createDirectories(paths.checkpointDirectory("t"));
    // A cgroup-like directory whose name is not the task's: never killed.
    Path other = root.resolve("fake-cgroup");
    Files.createDirectories(other);
    Files.writeString(other.resolve("cgroup.procs"), "1\n");
    Files.writeString(paths.cgroupRecord("t"), other + "\n");
    assertEquals(Optional.empty(), TaskCgroup.find(paths, "t"));
    // The task's own name, but a directory of plain files outside the cgroup2 hierarchy, whose
    // "cgroup.procs" could list any pid: not trusted either.
    Path named = root.resolve(TaskCgroup.name(root, "t"));
    Files.createDirectories(named);
    Files.writeString(named.resolve("cgroup.procs"), "1\n");
    Files.writeString(paths.cgroupRecord("t"), named + "\n");
    assertEquals(Optional.empty(), TaskCgroup.find(paths, "t"));
  }

  @Test
  void aLinkedRecordIsNotRead(@TempDir Path root) throws Exception {
    TaskPaths paths = new TaskPaths(root);
    Files.createDirectories(paths.checkpointDirectory("t"));
    Path named = root.resolve(TaskCgroup.name(root, "t"));
    Files.createDirectories(named);
    Files.writeString(named.resolve("cgroup.procs"), "");
    Path elsewhere = Files.writeString(root.resolve("elsewhere"), named + "\n");
    Files.createSymbolicLink(paths.cgroupRecord("t"), elsewhere);
    assertEquals(Optional.empty(), TaskCgroup.find(paths, "t"));
  }

  @Test
  void aSymlinkedRootNamesTheSameCgroup(@TempDir Path dir) throws Exception {
    Path real = Files.createDirectories(dir.resolve("run/thermos"));
    Path link = Files.createSymbolicLink(dir.resolve("var-run"), dir.resolve("run"));
    assertEquals(TaskCgroup.name(real, "t"), TaskCgroup.name(link.resolve("thermos"), "t"));
  }

  @Test
  void taskCgroupNamesDifferByRootAndStayShort() {
    String a = TaskCgroup.name(Path.of("/r1"), "t");
    String b = TaskCgroup.name(Path.of("/r2"), "t");
    assertNotEquals(a, b);
    assertTrue(a.startsWith("thermos-t-") && a.length() == "thermos-t-".length() + 16, a);
    assertEquals(a, TaskCgroup.name(Path.of("/r1/../r1"), "t"));
    assertTrue(TaskCgroup.name(Path.of("/r"), "x".repeat(300)).length() < 255);
  }
}
