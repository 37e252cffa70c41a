package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.inspect.TaskRootBuilder;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read}, {@code status} and {@code tail} refuse a FIFO where a checkpoint or log belongs
 * without blocking, and never read or print what a planted link points to: one line on stderr and
 * the documented exit code (3), or, for {@code status}, the task listed with its error.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnsafeFilesCliTest {
  private static final String SECRET = "the secret outside";

  @TempDir Path dir;
  private Path root;
  private Path secret;

  @BeforeEach
  void setUp() throws IOException {
    root = dir.resolve("root");
    TaskRootBuilder tasks = new TaskRootBuilder(root);
    tasks.finished("good", Instant.now(), 10);
    tasks.finished("bad", Instant.now(), 10);
    secret = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("secret"),
        SECRET + "\n");
  }

  private void fifo(Path path) throws IOException {
    Files.deleteIfExists(path);
    LibC.mkfifo(LibC.cPath(path.toString()), 0644);
  }

  private Path runner(String id) {
    return root.resolve("checkpoints").resolve(id).resolve("runner");
  }

  private Path stdout(String id) {
    return root.resolve("sandbox").resolve(id).resolve(".logs/p/0/stdout");
  }

  private static void assertOneLineRefusal(CliRun run, String what) {
    assertEquals(3, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(what), run.err());
    assertFalse(run.out().contains(SECRET), run.out());
  }

  @Test
  void readRefusesAFifo() throws IOException {
    fifo(runner("bad"));
    assertOneLineRefusal(CliRun.of("read", runner("bad").toString()), "a FIFO, not a regular file");
  }

  @Test
  void readRefusesALinkedCheckpoint() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), runner("good"));
    assertOneLineRefusal(CliRun.of("read", link.toString()), "symbolic link");
  }

  @Test
  void statusListsEveryTaskAndTheFifoOneWithItsError() throws IOException {
    fifo(runner("bad"));
    CliRun json = CliRun.of("status", "--root", root.toString(), "--json");
    CliRun text = CliRun.of("status", "--root", root.toString(), "-vvv");

    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().contains("\"good\""), json.out());
    assertTrue(json.out().contains("a FIFO, not a regular file"), json.out());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("good") && text.out().contains("bad"), text.out());
  }

  @Test
  void tailRefusesAFifoCheckpoint() throws IOException {
    fifo(runner("bad"));
    assertOneLineRefusal(CliRun.of("tail", "--root", root.toString(), "bad"), "FIFO");
  }

  @Test
  void tailRefusesAFifoLog() throws IOException {
    fifo(stdout("bad"));
    assertOneLineRefusal(CliRun.of("tail", "--root", root.toString(), "bad"), "FIFO");
  }

  @Test
  void tailFollowDoesNotWaitOnAFifoTaskFile() throws IOException {
    fifo(root.resolve("tasks/finished/bad"));
    // A regex, so that the task is found by listing tasks/finished/ (an exact id is looked up
    // as a regular file first).
    CliRun run = CliRun.of("tail", "--root", root.toString(), "-f", "ba");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("log line"), run.out());
  }

  @Test
  void tailDoesNotPrintALinkedLog() throws IOException {
    Files.delete(stdout("bad"));
    Files.createSymbolicLink(stdout("bad"), secret);
    assertOneLineRefusal(CliRun.of("tail", "--root", root.toString(), "bad"), "symbolic link");
  }

  @Test
  void tailDoesNotPrintThroughALinkedLogsDirectory() throws IOException {
    Path fake = Files.createDirectories(dir.resolve("outside/.logs/p/0"));
    Files.copy(secret, fake.resolve("stdout"));
    Path logs = root.resolve("sandbox/bad/.logs");
    deleteTree(logs);
    Files.createSymbolicLink(logs, fake.getParent().getParent());
    assertOneLineRefusal(CliRun.of("tail", "--root", root.toString(), "bad"), "symbolic link");
  }

  @Test
  void tailDoesNotReadThroughALinkedCheckpointDirectory() throws IOException {
    Path ckpt = root.resolve("checkpoints/bad");
    deleteTree(ckpt);
    Files.createSymbolicLink(ckpt, root.resolve("checkpoints/good"));
    assertOneLineRefusal(CliRun.of("tail", "--root", root.toString(), "bad"), "symbolic link");
  }

  private static void deleteTree(Path top) throws IOException {
    try (var s = Files.walk(top)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
