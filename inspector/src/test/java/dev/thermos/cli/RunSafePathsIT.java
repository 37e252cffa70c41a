package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.format.SandboxMarker;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thermos run} (the real runner) never creates, writes or truncates through a link planted
 * where the sandbox, {@code checkpoints/<id>}, the runner checkpoint or the task file's temporary
 * name belongs, nor waits on a FIFO there: it refuses with one line and exit 73 before anything
 * starts. It marks the sandbox it made, and gc collects such a sandbox outside the root.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunSafePathsIT {
  private static final String PRECIOUS = "precious\n";

  @TempDir Path dir;
  private Path root;
  private Path outside;
  private Path task;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("file"), PRECIOUS);
    task = Files.writeString(dir.resolve("task.json"),
        "{\"name\": \"t\", \"processes\": [{\"name\": \"p\", \"cmdline\": \"echo hi\"}]}");
  }

  private CliRun run(String taskId, Path sandbox) {
    return CliRun.of("run", "--root", root.toString(), "--sandbox", sandbox.toString(),
        "--task_id", taskId, task.toString());
  }

  private void assertRefusedAndOutsideUntouched(CliRun run, String reason) throws IOException {
    assertEquals(73, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(reason), run.err());
    assertEquals(List.of(outside.resolve("file")), list(outside));
    assertEquals(PRECIOUS, Files.readString(outside.resolve("file")));
  }

  private static List<Path> list(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void aLinkedSandboxIsRefused() throws IOException {
    Path sandbox = Files.createSymbolicLink(dir.resolve("sandbox"), outside);
    assertRefusedAndOutsideUntouched(run("t1", sandbox), "symbolic link");
    assertFalse(Files.exists(root.resolve("tasks/active/t1")));
    assertFalse(Files.exists(root.resolve("checkpoints/t1")), "nothing written in the root");
  }

  @Test
  void aLinkedCheckpointDirectoryIsRefused() throws IOException {
    Files.createDirectories(root.resolve("checkpoints"));
    Files.createSymbolicLink(root.resolve("checkpoints/t1"), outside);
    assertRefusedAndOutsideUntouched(run("t1", dir.resolve("sandbox")), "symbolic link");
  }

  @Test
  void aLinkedRunnerCheckpointIsNeitherWrittenNorTruncated() throws IOException {
    Files.createDirectories(root.resolve("checkpoints/t1"));
    Files.createSymbolicLink(root.resolve("checkpoints/t1/runner"), outside.resolve("file"));
    assertRefusedAndOutsideUntouched(run("t1", dir.resolve("sandbox")), "symbolic link");
  }

  @Test
  void aFifoRunnerCheckpointIsRefusedWithoutBlocking() throws IOException {
    Files.createDirectories(root.resolve("checkpoints/t1"));
    LibC.mkfifo(LibC.cPath(root.resolve("checkpoints/t1/runner").toString()), 0644);
    assertRefusedAndOutsideUntouched(run("t1", dir.resolve("sandbox")), "FIFO");
  }

  @Test
  void linksAtTheTaskFilesTemporaryNameAndTheMarkerAreReplacedNotFollowed() throws IOException {
    Files.createDirectories(root.resolve("tasks/active"));
    Files.createSymbolicLink(root.resolve("tasks/active/.t1.tmp"), outside.resolve("file"));
    Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
    Files.createSymbolicLink(sandbox.resolve(SandboxMarker.FILE), outside.resolve("file"));

    CliRun run = run("t1", sandbox);

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(PRECIOUS, Files.readString(outside.resolve("file")));
    assertTrue(Files.isRegularFile(root.resolve("tasks/finished/t1"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(sandbox.resolve(SandboxMarker.FILE),
        LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void theRunnerMarksItsSandboxAndGcCollectsItOutsideTheRoot() throws IOException {
    Path sandbox = dir.resolve("elsewhere/sandbox");

    CliRun run = run("t1", sandbox);
    var marker = new ObjectMapper().readTree(sandbox.resolve(SandboxMarker.FILE).toFile());
    CliRun gc = CliRun.of("gc", "--root", root.toString(), "-y", "t1");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("t1", marker.get("task_id").asText());
    assertEquals(root.toRealPath().toString(), marker.get("root").asText());
    assertEquals(0, gc.exitCode(), gc.out() + gc.err());
    assertFalse(Files.exists(sandbox));
  }
}
