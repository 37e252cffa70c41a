package dev.thermos.inspect;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import dev.thermos.format.SandboxMarker;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** Writes tasks under a root with the checkpoint library: checkpoint, task file, sandbox, logs. */
public final class TaskRootBuilder {
  private final Path root;
  private final TaskPaths paths;

  public TaskRootBuilder(Path root) {
    this.root = root;
    this.paths = new TaskPaths(root);
  }

  public Path root() {
    return root;
  }

  /** A finished task (SUCCESS) whose checkpoint was last modified at {@code mtime}. */
  public Path finished(String id, Instant mtime, int sandboxBytes) throws IOException {
    return task(id, TaskState.SUCCESS, root.resolve("sandbox").resolve(id), mtime, sandboxBytes);
  }

  /** A task in {@code end} (ACTIVE: still running) with its sandbox at {@code sandbox}. */
  public Path task(String id, TaskState end, Path sandbox, Instant mtime, int sandboxBytes)
      throws IOException {
    Path logDir = TaskPaths.defaultLogDir(sandbox);
    Path checkpoint = paths.runnerCheckpoint(id);
    try (CheckpointWriter w = CheckpointWriter.open(checkpoint)) {
      long ms = mtime.toEpochMilli();
      w.append(List.of(Records.task(TaskState.ACTIVE, ms, 4242, 0),
          RunnerCkpt.runner_header(new RunnerHeader().setTaskId(id).setLaunchTimeMs(ms)
              .setSandbox(sandbox.toString()).setLogDir(logDir.toString()).setUser("u")
              .setHostname("h").setUid(0)),
          Records.waiting("p", 0)));
      if (end != TaskState.ACTIVE) {
        w.append(List.of(Records.ended("p", 1, ProcessState.FAILED, ms / 1000.0, 1),
            Records.task(end, ms, 4242, 0)));
      }
    }
    Files.writeString(paths.checkpointDirectory(id).resolve("coordinator.p"), "x");
    TaskPaths.TaskFileState state = end == TaskState.ACTIVE
        ? TaskPaths.TaskFileState.ACTIVE : TaskPaths.TaskFileState.FINISHED;
    Files.createDirectories(paths.tasksDirectory(state));
    Files.writeString(paths.taskFile(state, id), "{\"name\": \"" + id + "\"}");
    Files.createDirectories(sandbox);
    if (!Files.isSymbolicLink(sandbox)) {
      // As the runner does at launch: the proof gc needs for a sandbox outside <root>/sandbox/.
      try (SafeDirectory dir = SafeDirectory.openLeaf(sandbox, false)) {
        SandboxMarker.write(dir, id, root.toRealPath());
      }
    }
    Files.write(sandbox.resolve("data"), new byte[sandboxBytes]);
    Path stdout = TaskPaths.stdout(logDir, "p", 0);
    Files.createDirectories(stdout.getParent());
    Files.writeString(stdout, "log line\n");
    Files.setLastModifiedTime(checkpoint, FileTime.from(mtime));
    return sandbox;
  }
}
