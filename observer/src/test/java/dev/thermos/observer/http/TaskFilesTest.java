package dev.thermos.observer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.TaskState;
import dev.thermos.observer.http.TaskFiles.NotFound;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.TaskIndex;
import dev.thermos.observer.watch.TaskWatcher;
import dev.thermos.observer.watch.TestRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file endpoints' confinement: what is inside a task's sandbox and logs, and nothing else. */
class TaskFilesTest {
  @TempDir Path dir;
  private TestRoot root;
  private TaskWatcher watcher;
  private FollowedTask task;
  private Path sandbox;

  @BeforeEach
  void aTaskWithASandbox() throws Exception {
    root = new TestRoot(dir.resolve("root"));
    sandbox = root.sandbox("t");
    Files.createDirectories(sandbox.resolve(".logs/p/0"));
    Files.createDirectories(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("sub/in.txt"), "inside");
    Files.writeString(sandbox.resolve(".logs/p/0/stdout"), "log");
    Files.writeString(dir.resolve("secret"), "secret");
    Files.createSymbolicLink(sandbox.resolve("leak"), dir.resolve("secret"));
    Files.createSymbolicLink(sandbox.resolve("up"), sandbox.getParent());
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0), root.header("t", 1000),
        Records.waiting("p", 0));
    root.taskFile("t", TaskFileState.ACTIVE);
    TaskIndex index = new TaskIndex();
    watcher = new TaskWatcher(List.of(root.root()), index, () -> 0.0);
    watcher.start();
    assertTrue(watcher.awaitFirstScan(Duration.ofSeconds(10)));
    task = index.get("t");
  }

  @AfterEach
  void stop() throws IOException {
    watcher.close();
    root.close();
  }

  private static String read(FileChannel in) throws IOException {
    try (in) {
      ByteBuffer buf = ByteBuffer.allocate((int) in.size());
      in.read(buf, 0);
      return new String(buf.array(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void filesInsideTheSandboxAndTheLogsAreServed() throws Exception {
    assertEquals("inside", read(TaskFiles.openSandboxFile(task, "sub/in.txt")));
    assertEquals("inside", read(TaskFiles.openSandboxFile(task, "./sub//in.txt")));
    assertEquals("log", read(TaskFiles.openLog(task, "p", "0", "stdout")));
  }

  @Test
  void aLinkOutOfTheSandboxIsRefused() {
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, "leak"));
  }

  @Test
  void aLinkedDirectoryOnTheWayIsRefused() {
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, "up/t/sub/in.txt"));
  }

  @Test
  void dotDotIsRefusedEvenWhenItWouldLandInside() {
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, "sub/../sub/in.txt"));
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, "../../secret"));
  }

  @Test
  void anAbsolutePathIsRefused() {
    assertThrows(NotFound.class,
        () -> TaskFiles.openSandboxFile(task, dir.resolve("secret").toString()));
    assertThrows(NotFound.class,
        () -> TaskFiles.openSandboxFile(task, sandbox.resolve("sub/in.txt").toString()));
  }

  @Test
  void aDirectoryIsNoFile() {
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, "sub"));
    assertThrows(NotFound.class, () -> TaskFiles.openSandboxFile(task, ""));
  }

  @Test
  void aLogOfAnUnknownProcessRunOrTypeIsRefused() {
    assertThrows(NotFound.class, () -> TaskFiles.openLog(task, "q", "0", "stdout"));
    assertThrows(NotFound.class, () -> TaskFiles.openLog(task, "p", "1", "stdout"));
    assertThrows(NotFound.class, () -> TaskFiles.openLog(task, "p", "0", "stdin"));
    assertThrows(NotFound.class, () -> TaskFiles.openLog(task, "p", "0", "stderr"),
        "a log not written yet");
    assertThrows(NotFound.class, () -> TaskFiles.openLog(null, "p", "0", "stdout"));
  }

  @Test
  void aLinkedLogIsRefused() throws Exception {
    Files.delete(sandbox.resolve(".logs/p/0/stdout"));
    Files.createSymbolicLink(sandbox.resolve(".logs/p/0/stdout"), dir.resolve("secret"));
    assertThrows(NotFound.class, () -> TaskFiles.openLog(task, "p", "0", "stdout"));
  }
}
