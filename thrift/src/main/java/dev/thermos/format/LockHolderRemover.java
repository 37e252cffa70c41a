package dev.thermos.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@link CheckpointWriter#openForced} asks to remove the process holding a checkpoint's lock.
 * The format library never signals anything itself: the caller decides whether the holder may be
 * killed (the runner's supervision code checks that it is the task's runner) and kills it.
 */
@FunctionalInterface
public interface LockHolderRemover {
  /**
   * Removes the holder of {@code checkpoint}'s lock if it is the runner that wrote the last task
   * status; does nothing when it cannot vouch for the holder.
   *
   * @param runnerPid the runner pid of the stream's last task status (never this process)
   * @param statusMs when that status was written (epoch milliseconds)
   * @throws IOException when the holder is the runner but cannot be removed
   */
  void remove(Path checkpoint, int runnerPid, long statusMs) throws IOException;
}
