package dev.thermos.observer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.observer.event.Transition;
import dev.thermos.observer.watch.TaskIndex.Which;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on real directories and inotify, with streams written record by record. */
class TaskWatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final TaskIndex index = new TaskIndex();
  private final List<Transition> seen = new CopyOnWriteArrayList<>();
  private TaskWatcher watcher;
  private TestRoot root;

  private void start(Path... roots) throws Exception {
    watcher = new TaskWatcher(List.of(roots), index, () -> 42.0);
    watcher.addListener(seen::add);
    watcher.start();
    assertTrue(watcher.awaitFirstScan(WAIT));
  }

  @AfterEach
  void stop() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
    if (root != null) {
      root.close();
    }
  }

  private List<String> states(String taskId) {
    return seen.stream().filter(t -> t.taskId().equals(taskId))
        .map(t -> (t.process() == null ? "" : t.process() + ":") + t.state()).toList();
  }

  @Test
  void tasksPresentAtStartAreIndexedAndTheirRecordsTold() throws Exception {
    root = new TestRoot(dir.resolve("r"));
    root.finishedTask("old", 1000);
    start(root.root());
    assertEquals(1, index.count(Which.FINISHED));
    assertEquals(List.of("ACTIVE", "p:WAITING", "p:FORKED", "p:RUNNING", "p:SUCCESS", "SUCCESS"),
        states("old"));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L),
        seen.stream().map(Transition::recordIndex).toList(), "record indexes of the stream");
  }

  @Test
  void aTaskStartedLaterIsFollowedRecordByRecordUntilItFinishes() throws Exception {
    root = new TestRoot(dir.resolve("r"));
    Files.createDirectories(root.root());
    start(root.root()); // the root's subdirectories do not exist yet
    root.append("new", Records.task(TaskState.ACTIVE, 2000, 1, 0), root.header("new", 2000));
    root.taskFile("new", TaskFileState.ACTIVE);
    Await.until("the new task", WAIT, () -> index.get("new") != null
        && states("new").equals(List.of("ACTIVE")), () -> states("new").toString());
    assertEquals(TaskFileState.ACTIVE, index.get("new").fileState());
    root.append("new", Records.waiting("p", 0));
    Await.until("WAITING", WAIT, () -> states("new").size() == 2);
    root.append("new", Records.forked("p", 1, 2.1, 5), Records.running("p", 2, 2.2, 6));
    Await.until("RUNNING", WAIT, () -> index.runningProcesses().size() == 1);
    root.append("new", Records.ended("p", 3, ProcessState.SUCCESS, 3.0, 0),
        Records.task(TaskState.SUCCESS, 3000, 1, 0));
    root.finish("new");
    Await.until("the move to finished", WAIT, () -> index.count(Which.FINISHED) == 1
        && states("new").size() == 6, () -> states("new").toString());
    assertEquals(List.of("ACTIVE", "p:WAITING", "p:FORKED", "p:RUNNING", "p:SUCCESS", "SUCCESS"),
        states("new"));
    assertEquals(0, index.count(Which.ACTIVE));
    assertEquals(List.of(), index.runningProcesses());
  }

  @Test
  void aRemovedTaskLeavesTheIndex() throws Exception {
    root = new TestRoot(dir.resolve("r"));
    root.finishedTask("gone", 1000);
    root.finishedTask("kept", 1000);
    start(root.root());
    Files.delete(root.paths().runnerCheckpoint("gone"));
    Files.delete(root.paths().checkpointDirectory("gone"));
    Files.delete(root.paths().taskFile(TaskFileState.FINISHED, "gone"));
    Await.until("the removal", WAIT, () -> index.get("gone") == null);
    assertEquals(1, index.count(Which.ALL));
    assertNull(index.get("gone"));
  }

  @Test
  void everyRootIsWatchedByTheOneWatcher() throws Exception {
    root = new TestRoot(dir.resolve("a"));
    TestRoot other = new TestRoot(dir.resolve("b"));
    try (other) {
      root.finishedTask("in-a", 1000);
      Files.createDirectories(other.root());
      start(root.root(), other.root());
      other.append("in-b", Records.task(TaskState.ACTIVE, 5000, 1, 0));
      other.taskFile("in-b", TaskFileState.ACTIVE);
      Await.until("the task of the second root", WAIT, () -> index.count(Which.ALL) == 2);
      assertEquals(other.root(), index.get("in-b").paths().root());
    }
  }
}
