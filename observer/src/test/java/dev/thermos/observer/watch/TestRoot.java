package dev.thermos.observer.watch;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A root written the way a runner writes it, record by record (no runner process). */
public final class TestRoot implements AutoCloseable {
  private final TaskPaths paths;
  private final Map<String, CheckpointWriter> writers = new HashMap<>();

  public TestRoot(Path root) {
    this.paths = new TaskPaths(root);
  }

  public TaskPaths paths() {
    return paths;
  }

  public Path root() {
    return paths.root();
  }

  /** The header of {@code taskId} launched at {@code launchMs}, its sandbox below the root. */
  public RunnerCkpt header(String taskId, long launchMs) {
    return RunnerCkpt.runner_header(new RunnerHeader().setTaskId(taskId)
        .setLaunchTimeMs(launchMs).setSandbox(sandbox(taskId).toString())
        .setLogDir(sandbox(taskId).resolve(".logs").toString()).setHostname("h")
        .setUser("u").setUid(0).setPorts(Map.of()));
  }

  public Path sandbox(String taskId) {
    return paths.root().resolve("sandbox").resolve(taskId);
  }

  /** Appends {@code records} to {@code taskId}'s runner stream (kept open and locked). */
  public void append(String taskId, RunnerCkpt... records) throws IOException {
    CheckpointWriter w = writers.get(taskId);
    if (w == null) {
      w = CheckpointWriter.open(paths.runnerCheckpoint(taskId));
      writers.put(taskId, w);
    }
    w.append(List.of(records));
  }

  /** Appends raw bytes (a torn record) to {@code taskId}'s stream, bypassing the writer. */
  public void appendRaw(String taskId, byte[] bytes) throws IOException {
    Files.write(paths.runnerCheckpoint(taskId), bytes, StandardOpenOption.APPEND);
  }

  /** The framed bytes of {@code record}, as a writer appends them. */
  public static byte[] framed(Path scratch, RunnerCkpt record) throws IOException {
    Files.deleteIfExists(scratch);
    try (CheckpointWriter w = CheckpointWriter.open(scratch)) {
      w.append(record);
    }
    return Files.readAllBytes(scratch);
  }

  /** Writes the task file of {@code taskId} in {@code state} (as the runner: temp name, rename). */
  public void taskFile(String taskId, TaskFileState state) throws IOException {
    Path dir = paths.tasksDirectory(state);
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + taskId + ".tmp");
    Files.writeString(tmp, "{\"name\": \"" + taskId + "-name\", \"processes\": []}");
    Files.move(tmp, dir.resolve(taskId), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Moves the task file from active to finished, as a runner at the end. */
  public void finish(String taskId) throws IOException {
    Files.createDirectories(paths.tasksDirectory(TaskFileState.FINISHED));
    Files.move(paths.taskFile(TaskFileState.ACTIVE, taskId),
        paths.taskFile(TaskFileState.FINISHED, taskId), StandardCopyOption.ATOMIC_MOVE);
  }

  /** A whole finished task: header, ACTIVE, one successful run, SUCCESS; finished task file. */
  public void finishedTask(String taskId, long launchMs) throws IOException {
    append(taskId, header(taskId, launchMs), Records.task(TaskState.ACTIVE, launchMs, 1, 0),
        Records.waiting("p", 0), Records.forked("p", 1, launchMs / 1000.0, 2),
        Records.running("p", 2, launchMs / 1000.0, 3),
        Records.ended("p", 3, dev.thermos.gen.ProcessState.SUCCESS, launchMs / 1000.0 + 1, 0),
        Records.task(TaskState.SUCCESS, launchMs + 2000, 1, 0));
    close(taskId);
    taskFile(taskId, TaskFileState.FINISHED);
  }

  public void close(String taskId) throws IOException {
    CheckpointWriter w = writers.remove(taskId);
    if (w != null) {
      w.close();
    }
  }

  @Override
  public void close() throws IOException {
    for (CheckpointWriter w : writers.values()) {
      w.close();
    }
    writers.clear();
  }
}
