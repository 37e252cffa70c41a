package dev.thermos.format;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads the records of a checkpoint stream (layout in {@link CheckpointFormat}), never locking and
 * never writing.
 *
 * <p>{@link #next()} returns complete records in order and {@code null} at the end. The end is
 * either clean, or a torn tail: a partial last record, whose offset {@link #tornAt()} reports. A
 * torn tail is not an error: a live writer may be in the middle of appending it. Calling
 * {@code next()} again after the end reads whatever was appended since, so the same reader follows
 * a live stream incrementally; {@link #open(Path, long, long)} resumes at a known offset.
 */
public final class CheckpointReader implements Closeable {
  private static final int SMALL_BUFFER = 512;
  private static final int INITIAL_BUFFER = 1 << 16;
  private static final int LARGE_BUFFER = 1 << 20;

  private final Path path;
  private final RecordSource source;
  private final RecordDecoder decoder = new RecordDecoder();
  private byte[] buf;
  /** Unread bytes are buf[start, limit); buf[start] is at file offset {@link #offset}. */
  private int start;
  private int limit;
  private long offset;
  private long lastRecordOffset = -1;
  private long recordIndex;
  private long fileOffsetOfLimit;
  private long tornAt = -1;
  private boolean lastReadFilled;

  private CheckpointReader(Path path, RecordSource source, long offset, long recordIndex)
      throws IOException {
    this.path = path;
    this.source = source;
    this.offset = offset;
    this.recordIndex = recordIndex;
    this.fileOffsetOfLimit = offset;
    // A runner follows one small coordinator stream per live process: size the buffer by what
    // the file holds now, so that hundreds of followers do not each pin 64 KiB. It grows on need.
    long available = source.size() - offset;
    this.buf = new byte[(int) Math.max(SMALL_BUFFER, Math.min(INITIAL_BUFFER, available))];
  }

  /**
   * A reader from the start of {@code path}. Its directory is opened as given (the operator's);
   * the file itself is opened without following a link and must be a regular file.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   * @throws dev.thermos.posix.UnsafePathException when it is a link, a FIFO, a device, ...
   */
  public static CheckpointReader open(Path path) throws IOException {
    return open(path, 0, 0);
  }

  /**
   * A reader resuming at {@code offset}, the start of record number {@code recordIndex} (both as
   * returned by {@link #offset()} and {@link #recordIndex()} of an earlier reader).
   */
  public static CheckpointReader open(Path path, long offset, long recordIndex) throws IOException {
    Path abs = path.toAbsolutePath();
    try (SafeDirectory dir = SafeDirectory.open(abs.getParent())) {
      return open(dir, abs.getFileName().toString(), offset, recordIndex);
    }
  }

  /**
   * A reader of a file in a task's checkpoint directory ({@code checkpoints/<task_id>/runner}):
   * the directory's parent is the operator's and followed; neither the task's directory nor the
   * file is.
   */
  public static CheckpointReader openInTask(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    try (SafeDirectory dir = SafeDirectory.openLeaf(abs.getParent(), false)) {
      return open(dir, abs.getFileName().toString());
    }
  }

  /** A reader of the regular file {@code name} in {@code dir}, from its start. */
  public static CheckpointReader open(SafeDirectory dir, String name) throws IOException {
    return open(dir, name, 0, 0);
  }

  /** A reader of {@code name} in {@code dir} resuming at {@code offset}, record {@code recordIndex}. */
  public static CheckpointReader open(SafeDirectory dir, String name, long offset,
      long recordIndex) throws IOException {
    if (offset < 0 || recordIndex < 0) {
      throw new IllegalArgumentException("offset " + offset + ", record " + recordIndex);
    }
    return over(dir.path().resolve(name), dir.openRead(name), offset, recordIndex);
  }

  /** A reader of {@code channel} (closed with the reader), named {@code path} in messages. */
  static CheckpointReader over(Path path, FileChannel channel, long offset, long recordIndex)
      throws IOException {
    return over(path, RecordSource.of(channel), offset, recordIndex);
  }

  private static CheckpointReader over(Path path, RecordSource source, long offset,
      long recordIndex) throws IOException {
    try {
      return new CheckpointReader(path, source, offset, recordIndex);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * A reader of the regular file {@code name} in {@code dir}, from its start, through a raw
   * descriptor rather than a channel ({@link RecordSource}): for a reader that follows a small,
   * live stream through many small reads (the runner, each coordinator's).
   */
  public static CheckpointReader openFollowing(SafeDirectory dir, String name)
      throws IOException {
    int fd = dir.openFile(name, LibC.O_RDONLY, 0);
    return over(dir.path().resolve(name), RecordSource.of(fd, dir.path().resolve(name)), 0, 0);
  }

  public Path path() {
    return path;
  }

  /** Offset just past the last record returned: where the next record starts. */
  public long offset() {
    return offset;
  }

  /** Offset of the last record {@link #next()} returned, or -1 before the first. */
  public long lastRecordOffset() {
    return lastRecordOffset;
  }

  /** Number of the next record, counted from 0. */
  public long recordIndex() {
    return recordIndex;
  }

  /** After {@link #next()} returned null: the offset of the partial record left at the end. */
  public OptionalLong tornAt() {
    return tornAt < 0 ? OptionalLong.empty() : OptionalLong.of(tornAt);
  }

  /**
   * The next complete record, or {@code null} when none is complete yet.
   *
   * @throws CorruptCheckpointException when the bytes at {@link #offset()} are not a record
   * @throws IOException when the file cannot be read
   */
  public RunnerCkpt next() throws IOException {
    tornAt = -1;
    if (!fill(CheckpointFormat.LENGTH_BYTES)) {
      return endOfData();
    }
    long length = Integer.toUnsignedLong(Bytes.getInt(buf, start));
    if (length > CheckpointFormat.MAX_RECORD_BYTES) {
      throw corrupt("record length " + length + " exceeds the maximum of "
          + CheckpointFormat.MAX_RECORD_BYTES);
    }
    int total = CheckpointFormat.LENGTH_BYTES + (int) length;
    if (!fill(total)) {
      return endOfData();
    }
    RunnerCkpt record;
    try {
      record = decoder.decode(buf, start + CheckpointFormat.LENGTH_BYTES, (int) length);
    } catch (MalformedRecordException e) {
      throw corrupt(e.getMessage());
    }
    start += total;
    lastRecordOffset = offset;
    offset += total;
    recordIndex++;
    return record;
  }

  private RunnerCkpt endOfData() {
    if (limit > start) {
      tornAt = offset;
    }
    return null;
  }

  private CorruptCheckpointException corrupt(String reason) {
    return new CorruptCheckpointException(path, offset, recordIndex, reason);
  }

  /** Makes {@code needed} unread bytes available if the file has them; false at end of file. */
  private boolean fill(int needed) throws IOException {
    if (limit - start >= needed) {
      return true;
    }
    if (buf.length < needed) {
      // Grow only for bytes the file really has: a corrupt or torn length must not allocate.
      if (source.size() - offset < needed) {
        return false;
      }
      grow(Math.max(needed, Math.min(LARGE_BUFFER, buf.length * 2)));
    } else if (lastReadFilled && buf.length < INITIAL_BUFFER
        && source.size() - fileOffsetOfLimit > 0) {
      // A small buffer that the file keeps filling, with more to read: bigger chunks from now on.
      grow(buf.length * 2);
    } else if (start > 0) {
      System.arraycopy(buf, start, buf, 0, limit - start);
    }
    limit -= start;
    start = 0;
    while (limit < needed) {
      int n = source.read(buf, limit, buf.length - limit, fileOffsetOfLimit);
      if (n <= 0) {
        lastReadFilled = false;
        return false;
      }
      limit += n;
      fileOffsetOfLimit += n;
    }
    lastReadFilled = limit == buf.length;
    return true;
  }

  /** The read buffer's size (for tests: a follower of a small stream keeps a small buffer). */
  int bufferCapacity() {
    return buf.length;
  }

  private void grow(int size) {
    byte[] bigger = new byte[size];
    System.arraycopy(buf, start, bigger, 0, limit - start);
    buf = bigger;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
