package dev.thermos.cli;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.RunnerHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an active task's files record, for {@code thermos run --task_id ID} without a task file:
 * the stored task file, and the sandbox and ports of its checkpoint's header.
 *
 * @param taskFile {@code tasks/active/<id>}
 * @param sandbox the recorded sandbox, if the header has one
 * @param ports the recorded ports
 */
record StoredTask(Path taskFile, Optional<Path> sandbox, Map<String, Integer> ports) {
  static StoredTask of(Path root, String taskId) throws IOException {
    TaskPaths paths = new TaskPaths(root);
    Path file;
    try {
      file = paths.taskFile(TaskFileState.ACTIVE, taskId);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--task_id " + taskId + ": not a valid task id");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("no active task " + taskId + " under " + root
          + " to resume (give TASK.json to start it)");
    }
    Path checkpoint = paths.runnerCheckpoint(taskId);
    RunnerHeader header = Files.exists(checkpoint, LinkOption.NOFOLLOW_LINKS)
        ? CheckpointReplay.replay(checkpoint).state().getHeader() : null;
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (header != null && header.isSetPorts()) {
      header.getPorts().forEach((name, port) -> ports.put(name, port.intValue()));
    }
    Optional<Path> sandbox = header != null && header.isSetSandbox()
        ? Optional.of(Path.of(header.getSandbox())) : Optional.empty();
    return new StoredTask(file, sandbox, ports);
  }
}
