package dev.thermos.format;

import com.sun.jna.LastErrorException;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskStatus;
import dev.thermos.posix.DescriptorStat;
import dev.thermos.posix.Descriptors;
import dev.thermos.posix.FileLocks;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The only way records get into a checkpoint (layout and rules in {@link CheckpointFormat}).
 *
 * <p>Opening creates the file (relative to its directory's descriptor, never through a link; a
 * FIFO or device there is refused without blocking), opens it {@code O_APPEND}, takes an exclusive
 * non-blocking {@code flock(2)} (held until {@link #close()}), and truncates a torn tail left by a
 * crashed writer. {@link #append} frames its records into one buffer, writes it with one
 * {@code write(2)} and makes it durable with {@code fdatasync(2)} before returning: records appended
 * in one call share the write and the sync (group commit). A failed append truncates the file back,
 * so no partial record stays behind; if even that fails (a read-only or failing disk), the next
 * append cuts it off before it writes.
 *
 * <p>Not thread-safe: the runner appends from its single loop thread.
 */
public final class CheckpointWriter implements Closeable {
  private static final Duration FORCE_POLL = Duration.ofMillis(10);

  private final Path path;
  private final RecordEncoder encoder = new RecordEncoder();
  private int fd;
  private long size;
  /** A failed append left bytes past {@link #size} that could not be cut off yet. */
  private boolean torn;

  private CheckpointWriter(Path path, int fd, long size) {
    this.path = path;
    this.fd = fd;
    this.size = size;
  }

  /**
   * Opens {@code path} for appending, creating it and its directories if needed. The directory is
   * opened as given; the file is opened without following a link (see {@link #open(SafeDirectory,
   * String)}).
   *
   * @throws CheckpointLockedException when another process holds the lock
   * @throws CorruptCheckpointException when the existing bytes are not a record stream
   * @throws dev.thermos.posix.UnsafePathException when the file is a link or not a regular file
   * @throws IOException when the file cannot be created, opened or truncated
   */
  public static CheckpointWriter open(Path path) throws IOException {
    try (SafeDirectory dir = parentOf(path)) {
      return open(dir, path.getFileName().toString());
    }
  }

  /**
   * Opens the checkpoint {@code name} in {@code dir} for appending, creating it if needed, with
   * {@code O_NOFOLLOW} and {@code O_NONBLOCK}: a link, a FIFO or a device there is refused.
   *
   * @throws CheckpointLockedException when another process holds the lock
   * @throws CorruptCheckpointException when the existing bytes are not a record stream
   * @throws dev.thermos.posix.UnsafePathException when the file is a link or not a regular file
   */
  public static CheckpointWriter open(SafeDirectory dir, String name) throws IOException {
    return open(dir, name, null, null);
  }

  /**
   * Opens {@code path} even when a live runner holds it: {@code remover} is asked to remove the
   * runner of the last task status (it checks that this process holds the lock and is that
   * runner), then the lock is awaited for at most {@code wait}.
   *
   * @throws IllegalStateException when that pid is this process
   * @throws CheckpointLockedException when the lock is still held after {@code wait}
   * @throws IOException when the remover fails, or the file cannot be opened
   */
  public static CheckpointWriter openForced(Path path, Duration wait, LockHolderRemover remover)
      throws IOException {
    try (SafeDirectory dir = parentOf(path)) {
      return openForced(dir, path.getFileName().toString(), wait, remover);
    }
  }

  /** {@link #openForced(Path, Duration, LockHolderRemover)} of {@code name} in {@code dir}. */
  public static CheckpointWriter openForced(SafeDirectory dir, String name, Duration wait,
      LockHolderRemover remover) throws IOException {
    return open(dir, name, wait, remover);
  }

  private static CheckpointWriter open(SafeDirectory dir, String name, Duration forceWait,
      LockHolderRemover remover) throws IOException {
    Path path = dir.path().resolve(name);
    boolean created = dir.stat(name).isEmpty();
    int fd = dir.openFile(name, LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT, 0644);
    try {
      if (created) {
        dir.sync();
      }
      if (!FileLocks.tryLock(fd, path)) {
        if (forceWait == null) {
          throw new CheckpointLockedException(path, "locked by another process"
              + lastRunnerPid(path, fd).map(pid -> " (last runner pid " + pid + ")").orElse(""));
        }
        takeOver(path, fd, forceWait, remover);
      }
      return prepare(path, fd);
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
  }

  /**
   * Asks {@code remover} to remove the runner named by the last task status (it checks that this
   * pid holds the lock now: a pid read from the file may have been reused), then waits for the lock.
   */
  private static void takeOver(Path path, int fd, Duration wait, LockHolderRemover remover)
      throws IOException {
    java.util.Optional<TaskStatus> last = lastRunnerStatus(path, fd);
    java.util.Optional<Integer> holder = last.map(TaskStatus::getRunnerPid);
    if (last.isPresent()) {
      int pid = last.get().getRunnerPid();
      if (pid == LibC.getpid()) {
        throw new IllegalStateException(path + ": the last runner is this process");
      }
      remover.remove(path, pid, last.get().getTimestampMs());
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (!FileLocks.tryLock(fd, path)) {
      if (System.nanoTime() > deadline) {
        throw new CheckpointLockedException(path, "still locked " + wait.toMillis()
            + " ms after killing the last runner" + holder.map(p -> " (pid " + p + ")").orElse(""));
      }
      sleep(FORCE_POLL);
    }
  }

  /** Appends one record durably. */
  public void append(RunnerCkpt record) throws IOException {
    append(List.of(record));
  }

  /**
   * Appends {@code records} with one write and one sync; all of them or none.
   *
   * @throws CheckpointWriteException when they did not reach the disk: the file then ends where
   *     it ended before (a partial write that could not be cut off at once is cut off before the
   *     next append writes anything), so the call may simply be repeated
   */
  public void append(List<RunnerCkpt> records) throws IOException {
    ensureOpen();
    if (records.isEmpty()) {
      return;
    }
    byte[] bytes = encoder.frame(records);
    try {
      if (torn) {
        LibC.ftruncate(fd, size);
        torn = false;
      }
      writeFully(bytes);
      LibC.fdatasync(fd);
    } catch (LastErrorException e) {
      torn = !rollBack(size, e);
      throw new CheckpointWriteException(path, e.getErrorCode(), e);
    }
    size += bytes.length;
  }

  /**
   * True when the file has no name left (its directory, or the whole root, was deleted while it
   * was open): appends still succeed, into a file nobody will read.
   */
  public boolean isDeleted() throws IOException {
    ensureOpen();
    return DescriptorStat.linkCount(fd) == 0;
  }

  /** Bytes in the file: the offset the next record will start at. */
  public long size() {
    return size;
  }

  public Path path() {
    return path;
  }

  /** Releases the lock and the descriptor. */
  @Override
  public void close() throws IOException {
    if (fd < 0) {
      return;
    }
    int closing = fd;
    fd = -1;
    try {
      LibC.close(closing);
    } catch (LastErrorException e) {
      throw new IOException(path + ": close failed: errno " + e.getErrorCode(), e);
    }
  }

  /** The descriptor, or -1 after close; for callers that must mark it close-on-exec or share it. */
  public int fd() {
    return fd;
  }

  private void writeFully(byte[] bytes) {
    byte[] rest = bytes;
    while (true) {
      long n;
      try {
        n = LibC.write(fd, rest, rest.length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LibC.EINTR) {
          continue;
        }
        throw e;
      }
      if (n == rest.length) {
        return;
      }
      rest = Arrays.copyOfRange(rest, (int) n, rest.length);
    }
  }

  /** Cuts the file back to {@code length}; false (the failure added to cause) if it could not. */
  private boolean rollBack(long length, LastErrorException cause) {
    try {
      LibC.ftruncate(fd, length);
      return true;
    } catch (LastErrorException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private void ensureOpen() {
    if (fd < 0) {
      throw new IllegalStateException(path + ": writer is closed");
    }
  }

  private static SafeDirectory parentOf(Path path) throws IOException {
    return SafeDirectory.open(path.toAbsolutePath().getParent(), Path.of(""), true);
  }

  /** Under the lock: checks the existing records and cuts off a torn tail. */
  private static CheckpointWriter prepare(Path path, int fd) throws IOException {
    long end;
    OptionalLong torn;
    try (CheckpointReader reader = readerOf(path, fd)) {
      while (reader.next() != null) {
        // Decoding each record is the check.
      }
      end = reader.offset();
      torn = reader.tornAt();
    }
    if (torn.isPresent()) {
      try {
        LibC.ftruncate(fd, end);
        LibC.fdatasync(fd);
      } catch (LastErrorException e) {
        throw new CheckpointWriteException(path, e.getErrorCode(), e);
      }
    }
    return new CheckpointWriter(path, fd, end);
  }

  /** A reader of the very file {@code fd} is open on. */
  private static CheckpointReader readerOf(Path path, int fd) throws IOException {
    return CheckpointReader.over(path, Descriptors.channel(fd, StandardOpenOption.READ), 0, 0);
  }

  /** The runner pid of the last task status in the stream, as far as it can be read. */
  static java.util.Optional<Integer> lastRunnerPid(Path path, int fd) {
    return lastRunnerStatus(path, fd).map(TaskStatus::getRunnerPid);
  }

  /** The last task status with a runner pid in the stream {@code fd} is open on. */
  private static java.util.Optional<TaskStatus> lastRunnerStatus(Path path, int fd) {
    TaskStatus last = null;
    try (CheckpointReader reader = readerOf(path, fd)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        if (r.isSetTaskStatus() && r.getTaskStatus().isSetRunnerPid()) {
          last = r.getTaskStatus();
        }
      }
    } catch (IOException e) {
      // Use what could be read before the damage.
    }
    return java.util.Optional.ofNullable(last);
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for the checkpoint lock");
    }
  }
}
