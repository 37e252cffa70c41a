package dev.thermos.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Fixtures;
import dev.thermos.format.InvalidCheckpointException;
import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only views: detection, summaries, the incremental monitor and log directories. */
class TaskMonitorTest {
  @TempDir Path dir;

  @Test
  void theMonitorAppliesOnlyWhatWasAppendedSinceTheLastRefresh() throws IOException {
    Path runner = dir.resolve("checkpoints/t/runner");
    try (TaskMonitor monitor = new TaskMonitor(runner)) {
      assertFalse(monitor.refresh(), "no file yet is no update");
      try (CheckpointWriter writer = CheckpointWriter.open(runner)) {
        writer.append(List.of(Records.task(TaskState.ACTIVE, 1, 10, 0),
            Records.waiting("p", 0)));
        assertTrue(monitor.refresh());
        assertEquals(TaskState.ACTIVE, TaskSummary.lastState(monitor.state()));
        assertTrue(monitor.runIsLive("p", 0));
        assertFalse(monitor.refresh(), "nothing new");
        writer.append(List.of(Records.forked("p", 1, 1.0, 11), Records.running("p", 2, 1.1, 12),
            Records.ended("p", 3, ProcessState.SUCCESS, 2.0, 0)));
        assertTrue(monitor.refresh());
        assertFalse(monitor.runIsLive("p", 0));
        assertTrue(monitor.runIsLive("p", 1), "a run the stream has not recorded yet");
        assertEquals(1, monitor.runs("p").size());
        writer.append(Records.task(TaskState.SUCCESS, 3, 10, 0));
        monitor.refresh();
        assertTrue(monitor.taskEnded());
        assertFalse(monitor.runIsLive("p", 1), "no new run once the task has ended");
        writer.append(Records.running("p", 4, 3.0, 13)); // RUNNING after SUCCESS: invalid
        assertThrows(InvalidCheckpointException.class, monitor::refresh);
        writer.append(Records.waiting("p", 4));
        assertThrows(InvalidCheckpointException.class, monitor::refresh,
            "nothing after an invalid record is applied");
        assertEquals(1, monitor.runs("p").size());
      }
    }
  }

  @Test
  void theDetectorFindsTheAurora2012TasksByPath() throws IOException {
    Path root = Fixtures.copyAurora2012Root(dir);
    TaskDetector detector = new TaskDetector(root);
    List<DetectedTask> tasks = detector.tasks();
    assertEquals(new DetectedTask("sleep60-lost", TaskFileState.ACTIVE), tasks.get(0));
    assertEquals(List.of("failure", "failure_limit", "hello_world", "ordering", "ports", "sleep60"),
        detector.tasks(TaskFileState.FINISHED).stream().map(DetectedTask::taskId).toList());
    assertTrue(detector.find("ports").isPresent());
    assertTrue(detector.find("port").isEmpty());
    assertTrue(detector.find("../x").isEmpty(), "not an id: no task, no exception");
    assertEquals(List.of(new ProcessRun("p1", 0), new ProcessRun("p2", 0), new ProcessRun("p2", 1),
        new ProcessRun("p3", 0), new ProcessRun("p3", 1), new ProcessRun("p3", 2)),
        TaskDetector.processRuns(root.resolve("logs/failure")));
    assertEquals(List.of(), TaskDetector.processRuns(root.resolve("logs/none")));
  }

  @Test
  void summariesGiveStatesAndKeepTheHeaderOfACorruptStream() throws IOException {
    Path root = Fixtures.copyAurora2012Root(dir);
    TaskDetector detector = new TaskDetector(root);
    TaskSummary limit = TaskSummary.read(detector.paths(),
        new DetectedTask("failure_limit", TaskFileState.FINISHED));
    assertEquals(TaskState.FAILED, limit.taskState());
    assertTrue(limit.error().isEmpty());
    Path runner = root.resolve("checkpoints/sleep60/runner");
    byte[] bytes = Files.readAllBytes(runner);
    Files.write(runner, concat(bytes, new byte[] {0, 0, 0, 1, 0})); // a union with no member
    TaskSummary bad = TaskSummary.read(detector.paths(),
        new DetectedTask("sleep60", TaskFileState.FINISHED));
    assertTrue(bad.error().orElseThrow().startsWith("corrupt record "), bad.error().get());
    assertEquals("sleep60", bad.header().orElseThrow().getTaskId());
  }

  @Test
  void logsComeFromTheHeaderElseTheSandboxElseThe2012Layout() throws IOException {
    RunnerHeader header = new RunnerHeader().setSandbox(dir.resolve("sb").toString());
    assertTrue(TaskLogs.logDir(dir, "t", header).isEmpty());
    Files.createDirectories(dir.resolve("logs/t"));
    assertEquals(dir.resolve("logs/t"), TaskLogs.logDir(dir, "t", header).orElseThrow());
    Files.createDirectories(dir.resolve("sb/.logs"));
    assertEquals(dir.resolve("sb/.logs"), TaskLogs.logDir(dir, "t", header).orElseThrow());
    header.setLogDir("/var/log/x");
    assertEquals(Path.of("/var/log/x"), TaskLogs.logDir(dir, "t", header).orElseThrow());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
