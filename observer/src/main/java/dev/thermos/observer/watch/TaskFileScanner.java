package dev.thermos.observer.watch;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.observer.watch.WatchedDirectory.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an entry of a watched directory means for the index, and the listing of one directory
 * (at the start, when it appears, and after an {@code OVERFLOW}). Runs on the watcher's thread;
 * tasks whose stream may have grown are handed to {@code follow}.
 */
final class TaskFileScanner {
  private static final System.Logger LOG = System.getLogger(TaskFileScanner.class.getName());

  private final TaskIndex index;
  private final DirectoryRegistry registry;
  private final Consumer<FollowedTask> follow;

  TaskFileScanner(TaskIndex index, DirectoryRegistry registry, Consumer<FollowedTask> follow) {
    this.index = index;
    this.registry = registry;
    this.follow = follow;
  }

  /** Lists {@code dir} again and brings the index in line with what is there. */
  void rescan(WatchedDirectory dir) {
    if (dir == null) {
      return;
    }
    TaskPaths p = dir.paths();
    switch (dir.kind()) {
      case ROOT -> {
        entryChanged(dir, "tasks");
        entryChanged(dir, "checkpoints");
      }
      case TASKS -> {
        entryChanged(dir, TaskFileState.ACTIVE.directory());
        entryChanged(dir, TaskFileState.FINISHED.directory());
      }
      case TASK_FILES -> {
        Set<String> names = list(dir.dir());
        for (FollowedTask t : index.tasksOf(p)) {
          if (t.fileState() == dir.fileState()) {
            names.add(t.taskId()); // gone while unwatched: looked at again
          }
        }
        names.forEach(name -> entryChanged(dir, name));
      }
      case CHECKPOINTS -> {
        Set<String> names = list(dir.dir());
        for (FollowedTask t : index.tasksOf(p)) {
          names.add(t.taskId());
        }
        names.forEach(name -> entryChanged(dir, name));
      }
      case TASK_CHECKPOINT -> {
        entryChanged(dir, "runner");
        entryChanged(dir, TaskSideFiles.HEALTH);
        entryChanged(dir, TaskSideFiles.STOPS);
      }
      default -> throw new IllegalStateException(dir.kind().name());
    }
  }

  /** The entry {@code name} of {@code dir} was made, changed or removed. */
  void entryChanged(WatchedDirectory dir, String name) {
    TaskPaths p = dir.paths();
    switch (dir.kind()) {
      case ROOT -> {
        if (name.equals("tasks")) {
          newDirectory(new WatchedDirectory(Kind.TASKS, p, null, null, p.root().resolve("tasks")));
        } else if (name.equals("checkpoints")) {
          newDirectory(new WatchedDirectory(Kind.CHECKPOINTS, p, null, null,
              p.root().resolve("checkpoints")));
        }
      }
      case TASKS -> {
        for (TaskFileState state : TaskFileState.values()) {
          if (name.equals(state.directory())) {
            newDirectory(new WatchedDirectory(Kind.TASK_FILES, p, state, null,
                p.tasksDirectory(state)));
          }
        }
      }
      case TASK_FILES -> taskFileChanged(p, name);
      case CHECKPOINTS -> checkpointDirectoryChanged(p, name);
      case TASK_CHECKPOINT -> {
        FollowedTask t = index.find(dir.taskId(), p);
        if (t != null && TaskSideFiles.isSideFile(name)) {
          t.sideFiles().changed(name);
          follow.accept(t);
        } else if (name.equals("runner") && t != null) {
          follow.accept(t);
        }
      }
      default -> throw new IllegalStateException(dir.kind().name());
    }
  }

  private void newDirectory(WatchedDirectory dir) {
    if (!registry.isRegistered(dir.dir()) && registry.register(dir)) {
      rescan(dir);
    }
  }

  private void taskFileChanged(TaskPaths p, String taskId) {
    if (taskId.startsWith(".") || !TaskPaths.isValidId(taskId)) {
      return; // a task file being written under a temporary name
    }
    TaskFileState state = null;
    long mtimeMs = 0;
    for (TaskFileState s : TaskFileState.values()) {
      BasicFileAttributes a = attributes(p.taskFile(s, taskId));
      if (a != null && !a.isDirectory()) {
        state = s;
        mtimeMs = a.lastModifiedTime().toMillis();
        break;
      }
    }
    FollowedTask t = state == null ? index.find(taskId, p) : index.getOrCreate(taskId, p);
    if (t == null) {
      return;
    }
    TaskFileState before = t.fileState();
    t.fileState(state, mtimeMs);
    if (state != before) {
      index.changed();
    }
    if (state == TaskFileState.ACTIVE) {
      watchCheckpoint(p, taskId);
    }
    if (state != null && before == null) {
      follow.accept(t);
    } else if (state == null && attributes(p.checkpointDirectory(taskId)) == null) {
      index.remove(t);
    } else if (state == TaskFileState.FINISHED) {
      follow.accept(t); // the last records before the move
    }
  }

  private void checkpointDirectoryChanged(TaskPaths p, String taskId) {
    if (!TaskPaths.isValidId(taskId)) {
      return;
    }
    BasicFileAttributes a = attributes(p.checkpointDirectory(taskId));
    if (a == null || !a.isDirectory()) {
      FollowedTask t = index.find(taskId, p);
      if (t != null && t.fileState() == null) {
        index.remove(t);
      }
      return;
    }
    FollowedTask t = index.getOrCreate(taskId, p);
    if (t == null) {
      LOG.log(System.Logger.Level.WARNING, "task " + taskId + " of " + p.root()
          + " ignored: another root has a task with that id");
      return;
    }
    if (t.fileState() != TaskFileState.FINISHED || registry.isRegistered(
        p.checkpointDirectory(taskId))) {
      watchCheckpoint(p, taskId);
      follow.accept(t);
    }
  }

  private void watchCheckpoint(TaskPaths p, String taskId) {
    registry.register(new WatchedDirectory(Kind.TASK_CHECKPOINT, p, null, taskId,
        p.checkpointDirectory(taskId)));
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static Set<String> list(Path dir) {
    Set<String> names = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      return names;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + ": " + e.getMessage());
    }
    return names;
  }
}
