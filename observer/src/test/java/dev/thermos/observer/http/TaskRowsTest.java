package dev.thermos.observer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.FollowedTasks;
import dev.thermos.observer.watch.TestRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRowsTest {
  private static final long MAX_AGE_MS = 1000;

  @TempDir Path dir;
  private TestRoot root;
  private final AtomicLong clockMs = new AtomicLong(10_000);
  private TaskRows rows;

  @BeforeEach
  void setUp() {
    root = new TestRoot(dir.resolve("root"));
    rows = new TaskRows(new RunnerLocks(clockMs::get, MAX_AGE_MS));
  }

  @AfterEach
  void tearDown() throws IOException {
    root.close();
  }

  private String row(FollowedTask t) throws IOException {
    return new String(rows.row(t, t.snapshot()), StandardCharsets.UTF_8);
  }

  @Test
  void aRowIsRenderedOnceAndAgainInTheFirstResponseAfterANewRecord() throws IOException {
    FollowedTask t = FollowedTasks.follow(root.paths(), "t", TaskFileState.ACTIVE);
    root.append("t", root.header("t", 1000), Records.task(TaskState.ACTIVE, 1000, 1, 0),
        Records.waiting("p", 0), Records.forked("p", 1, 1.0, 2), Records.running("p", 2, 1.0, 3));
    FollowedTasks.catchUp(t);
    byte[] first = rows.row(t, t.snapshot());
    assertSame(first, rows.row(t, t.snapshot()), "the same snapshot: the rendered row");
    assertTrue(row(t).contains("\"state\":\"ACTIVE\""), row(t));

    root.append("t", Records.ended("p", 3, ProcessState.SUCCESS, 2.0, 0),
        Records.task(TaskState.SUCCESS, 3000, 1, 0));
    FollowedTasks.catchUp(t);
    assertTrue(row(t).contains("\"state\":\"SUCCESS\""), "the next row after the record: " + row(t));
  }

  @Test
  void aRunnerLettingGoOfItsLockShowsInTheFirstRowAfterTheTableIsReadAgain() throws IOException {
    FollowedTask t = FollowedTasks.follow(root.paths(), "t", TaskFileState.ACTIVE);
    root.append("t", root.header("t", 1000), Records.task(TaskState.ACTIVE, 1000, 1, 0));
    FollowedTasks.catchUp(t);
    assertTrue(row(t).contains("\"runner\":\"alive\""), "the writer holds the lock: " + row(t));

    root.close("t"); // the lock goes with the writer; no record, so the same snapshot
    clockMs.addAndGet(MAX_AGE_MS);
    String after = row(t);
    assertTrue(after.contains("\"runner\":\"dead\""), after);
    assertFalse(after.contains("runner_pid"), after);
  }

  @Test
  void aFinishedTaskRowNeverAsksForTheLockTable() throws IOException {
    FollowedTask t = FollowedTasks.follow(root.paths(), "f", TaskFileState.FINISHED);
    root.finishedTask("f", 1000);
    FollowedTasks.catchUp(t);
    byte[] first = rows.row(t, t.snapshot());
    clockMs.addAndGet(10 * MAX_AGE_MS);
    assertSame(first, rows.row(t, t.snapshot()));
    assertEquals(-1, row(t).indexOf("\"runner\""), row(t));
  }
}
