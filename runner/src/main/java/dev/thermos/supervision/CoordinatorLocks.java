package dev.thermos.supervision;

import dev.thermos.posix.LockTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The live coordinators of a task, vouched for by their locks: a coordinator holds the
 * {@code flock(2)} of its {@code checkpoints/<task_id>/coordinator.<process>} for its whole life,
 * so a pid holding one is a coordinator of this task, whoever started it (this runner, or one that
 * died and whose coordinators were adopted). Read from {@code /proc/locks}, never by taking a lock.
 */
final class CoordinatorLocks {
  private CoordinatorLocks() {}

  /** The pids holding a coordinator checkpoint's lock in {@code checkpointDir}; empty if none. */
  static Set<Integer> holders(Path checkpointDir) {
    Set<Integer> out = new HashSet<>();
    if (checkpointDir == null) {
      return out;
    }
    LockTable locks = LockTable.read();  // one read of /proc/locks for all (device and inode)
    try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpointDir, "coordinator.*")) {
      for (Path f : files) {
        locks.holder(f).ifPresent(out::add);
      }
    } catch (IOException | RuntimeException e) {
      // No directory (yet): no coordinator to vouch for.
    }
    return out;
  }
}
