package dev.thermos.inspect;

import dev.thermos.format.CheckpointReader;
import dev.thermos.gen.RunnerCkpt;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows a checkpoint as it grows: an incremental {@link CheckpointReader} woken by a
 * {@link WatchService} on the checkpoint's directory, so appends are seen as they happen without
 * polling the file. Never locks or writes.
 */
public final class CheckpointFollower implements Closeable {
  private final CheckpointReader reader;
  private final WatchService watcher;

  private CheckpointFollower(CheckpointReader reader, WatchService watcher) {
    this.reader = reader;
    this.watcher = watcher;
  }

  /** Starts following {@code checkpoint} from its first record. */
  public static CheckpointFollower open(Path checkpoint) throws IOException {
    return open(checkpoint, 0, 0);
  }

  /**
   * Starts following {@code checkpoint} at {@code offset}, the start of record number
   * {@code recordIndex} (where an earlier replay stopped).
   */
  public static CheckpointFollower open(Path checkpoint, long offset, long recordIndex)
      throws IOException {
    WatchService watcher = FileSystems.getDefault().newWatchService();
    try {
      checkpoint.toAbsolutePath().getParent().register(watcher,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
      return new CheckpointFollower(CheckpointReader.open(checkpoint, offset, recordIndex),
          watcher);
    } catch (IOException | RuntimeException e) {
      watcher.close();
      throw e;
    }
  }

  /** Every complete record appended since the last call (none when nothing is new). */
  public List<RunnerCkpt> drain() throws IOException {
    List<RunnerCkpt> out = new ArrayList<>();
    for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
      out.add(r);
    }
    return out;
  }

  /**
   * Waits until something in the directory changes or {@code timeout} passes.
   *
   * @return whether a change was reported
   */
  public boolean await(Duration timeout) throws IOException {
    try {
      WatchKey key = watcher.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      if (key == null) {
        return false;
      }
      key.pollEvents();
      key.reset();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted following " + reader.path());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      watcher.close();
    } finally {
      reader.close();
    }
  }
}
