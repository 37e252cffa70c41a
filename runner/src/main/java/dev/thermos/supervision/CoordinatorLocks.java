package dev.thermos.supervision;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

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
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(checkpointDir, "coordinator.*")) {
      for (Path f : files) {
        inodes.add(((Number) Files.getAttribute(f, "unix:ino", NOFOLLOW_LINKS)).longValue());
      }
      // One read of /proc/locks for all: "1: FLOCK ADVISORY WRITE <pid> <dev>:<inode> 0 EOF".
      for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 6 && f[1].equals("FLOCK")) {
          long inode = Long.parseLong(f[5].substring(f[5].lastIndexOf(':') + 1));
          if (inodes.contains(inode)) {
            out.add(Integer.parseInt(f[4]));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // No directory (yet), or an unreadable /proc/locks: no coordinator to vouch for.
    }
    return out;
  }
}
