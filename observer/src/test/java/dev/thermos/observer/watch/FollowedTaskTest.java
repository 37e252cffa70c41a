package dev.thermos.observer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.RunningProcess;
import dev.thermos.observer.event.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedTaskTest {
  private static final double NOW = 5000.0;

  @TempDir Path dir;
  private TestRoot root;

  private FollowedTask task(String id) {
    root = root == null ? new TestRoot(dir.resolve("root")) : root;
    FollowedTask t = new FollowedTask(id, root.paths());
    t.fileState(TaskFileState.ACTIVE, 1);
    return t;
  }

  @AfterEach
  void closeWriters() throws IOException {
    if (root != null) {
      root.close();
    }
  }

  @Test
  void eachCatchUpReadsOnlyTheRecordsAppendedSinceTheLast() throws IOException {
    FollowedTask t = task("t");
    assertEquals(List.of(), t.catchUp(NOW), "no stream yet");
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0), root.header("t", 1000),
        Records.waiting("p", 0));
    List<Transition> first = t.catchUp(NOW);
    assertEquals(List.of(
        new Transition("t", null, -1, "ACTIVE", 1.0, null, 0),
        new Transition("t", "p", 0, "WAITING", 1.0, null, 2)), first);
    assertEquals(List.of(), t.catchUp(NOW), "nothing new");
    root.append("t", Records.forked("p", 1, 2.0, 9), Records.running("p", 2, 2.5, 10));
    List<Transition> second = t.catchUp(NOW);
    assertEquals(List.of(
        new Transition("t", "p", 0, "FORKED", 2.0, null, 3),
        new Transition("t", "p", 0, "RUNNING", 2.5, null, 4)), second);
    assertEquals(List.of(new RunningProcess("t", "p", 0, 10, 2.5, root.sandbox("t"))),
        t.running());
    root.append("t", Records.ended("p", 3, ProcessState.FAILED, 3.0, 7), Records.waiting("p", 4));
    assertEquals(List.of(
        new Transition("t", "p", 0, "FAILED", 3.0, 7, 5),
        new Transition("t", "p", 1, "WAITING", 3.0, null, 6)), t.catchUp(NOW));
    assertEquals(List.of(), t.running());
    assertEquals(1000, t.launchTimeMs());
  }

  @Test
  void aTornTailIsLeftUntilItsRecordIsComplete() throws IOException {
    FollowedTask t = task("t");
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0));
    t.catchUp(NOW);
    byte[] record = TestRoot.framed(dir.resolve("scratch"), Records.waiting("p", 0));
    root.appendRaw("t", Arrays.copyOf(record, record.length - 3));
    assertEquals(List.of(), t.catchUp(NOW), "a partial record is not applied");
    TaskSummary torn = t.snapshot();
    assertTrue(torn.tornAt().isPresent(), "the torn tail is reported as status reports it");
    assertTrue(torn.error().isEmpty(), "a torn tail is no error");
    root.appendRaw("t", Arrays.copyOfRange(record, record.length - 3, record.length));
    assertEquals(List.of(new Transition("t", "p", 0, "WAITING", 1.0, null, 1)), t.catchUp(NOW));
    assertTrue(t.snapshot().tornAt().isEmpty());
  }

  @Test
  void aCorruptStreamStopsTheFollowingAndKeepsWhatCameBefore() throws IOException {
    FollowedTask t = task("t");
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0));
    root.appendRaw("t", new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
    List<Transition> read = t.catchUp(NOW);
    assertEquals(1, read.size());
    TaskSummary s = t.snapshot();
    assertTrue(s.error().orElseThrow().startsWith("corrupt record 1 at offset"), s.error().get());
    assertEquals(TaskState.ACTIVE, s.taskState());
    root.appendRaw("t", new byte[] {9, 9});
    assertEquals(List.of(), t.catchUp(NOW), "nothing after a corrupt record");
  }

  @Test
  void anInvalidRecordIsReportedLikeStatusDoes() throws IOException {
    FollowedTask t = task("t");
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0), Records.running("p", 0, 1, 2));
    assertEquals(1, t.catchUp(NOW).size());
    assertTrue(t.snapshot().error().orElseThrow().startsWith("invalid record 1 at offset 41"),
        t.snapshot().error().get());
  }

  @Test
  void aReplacedStreamIsReadFromItsStart() throws IOException {
    FollowedTask t = task("t");
    root.append("t", Records.task(TaskState.ACTIVE, 1000, 1, 0), Records.waiting("p", 0));
    assertEquals(2, t.catchUp(NOW).size());
    root.close("t");
    Files.delete(root.paths().runnerCheckpoint("t"));
    root.append("t", Records.task(TaskState.ACTIVE, 9000, 1, 0));
    assertEquals(List.of(new Transition("t", null, -1, "ACTIVE", 9.0, null, 0)), t.catchUp(NOW));
    assertTrue(t.snapshot().state().getProcesses().isEmpty(), "the old stream's runs are gone");
  }

  @Test
  void aTaskWithoutAStreamSaysSoAsStatusDoes() {
    FollowedTask t = task("t");
    t.catchUp(NOW);
    assertEquals("no runner checkpoint", t.snapshot().error().orElseThrow());
    t.fileState(null, 0);
    assertNull(t.snapshot(), "no task file: not listed");
  }

  @Test
  void waitingAndLostTakeTheLatestTimeTheStreamShowed() throws IOException {
    FollowedTask t = task("t");
    RunnerCkpt[] records = {Records.waiting("p", 0), Records.task(TaskState.ACTIVE, 4000, 1, 0),
        Records.forked("p", 1, 4.5, 2), Records.lost("p", 2)};
    root.append("t", records);
    List<Transition> read = t.catchUp(NOW);
    assertEquals(NOW, read.get(0).timestamp(), "nothing seen yet: the reading time");
    assertEquals(4.5, read.get(3).timestamp());
    assertFalse(read.get(3).isTaskState());
  }
}
