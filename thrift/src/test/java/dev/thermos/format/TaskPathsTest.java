package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskPathsTest {
  private final TaskPaths paths = new TaskPaths(Path.of("/r"));

  @Test
  void layoutIsAuroras() {
    assertEquals(Path.of("/r/checkpoints/t1/runner"), paths.runnerCheckpoint("t1"));
    assertEquals(Path.of("/r/checkpoints/t1/coordinator.web"), paths.coordinatorCheckpoint("t1", "web"));
    assertEquals(Path.of("/r/tasks/active/t1"), paths.taskFile(TaskPaths.TaskFileState.ACTIVE, "t1"));
    assertEquals(Path.of("/r/tasks/finished/t1"),
        paths.taskFile(TaskPaths.TaskFileState.FINISHED, "t1"));
    assertEquals(Path.of("/s/.logs"), TaskPaths.defaultLogDir(Path.of("/s")));
    assertEquals(Path.of("/s/.logs/web/3/stdout"), TaskPaths.stdout(Path.of("/s/.logs"), "web", 3));
    assertEquals(Path.of("/s/.logs/web/0/stderr"), TaskPaths.stderr(Path.of("/s/.logs"), "web", 0));
  }

  @Test
  void namesThatWouldEscapeTheirDirectoryAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> paths.runnerCheckpoint(".."));
    assertThrows(IllegalArgumentException.class, () -> paths.runnerCheckpoint("a/b"));
    assertThrows(IllegalArgumentException.class, () -> paths.runnerCheckpoint(""));
    assertThrows(IllegalArgumentException.class, () -> paths.coordinatorCheckpoint("t", "../x"));
    assertThrows(IllegalArgumentException.class, () -> TaskPaths.stdout(Path.of("/l"), ".a", 0));
    assertThrows(IllegalArgumentException.class, () -> TaskPaths.stdout(Path.of("/l"), "a", -1));
  }
}
