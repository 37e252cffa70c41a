package dev.thermos.supervision;

import dev.thermos.format.LockHolderRemover;
import dev.thermos.posix.LockTable;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Removes a live runner from its checkpoint for a forced open ({@code thermos run --force},
 * {@code kill --force}, {@code lose}): SIGKILL, but only to the process that holds the file's lock
 * now and is the runner that wrote the last task status ({@link ProcessIdentity#isRunnerOf}); a
 * pid read from the file may have been reused since (by anything, even another thermos command).
 */
public final class LockHolderKiller implements LockHolderRemover {
  private final SignalSender sender;

  public LockHolderKiller() {
    this(Signals.KERNEL);
  }

  LockHolderKiller(SignalSender sender) {
    this.sender = sender;
  }

  @Override
  public void remove(Path checkpoint, int runnerPid, long statusMs) throws IOException {
    if (LockTable.read().holder(checkpoint).orElse(-1) != runnerPid
        || !ProcessIdentity.isRunnerOf(runnerPid, statusMs / 1000.0)) {
      return;
    }
    try {
      sender.send(runnerPid, LibC.SIGKILL);
    } catch (SignalException e) {
      throw new IOException(checkpoint + ": cannot remove runner " + runnerPid + ": "
          + e.getMessage(), e);
    }
  }
}
