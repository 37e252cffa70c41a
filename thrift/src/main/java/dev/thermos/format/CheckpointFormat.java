package dev.thermos.format;

/**
 * The checkpoint stream, byte for byte. Shared with Apache Aurora's Thermos (Python), whose
 * tools read and write the same files.
 *
 * <pre>
 * file    := record*                      no file header, no trailer, no checksum, no padding
 * record  := length payload
 * length  := uint32, big-endian           4 bytes; at most MAX_RECORD_BYTES (64 MiB)
 * payload := RunnerCkpt                   TBinaryProtocol, exactly `length` bytes
 *
 * RunnerCkpt is a union: exactly one of
 *   1: runner_header   RunnerHeader      once per stream, after the first TaskStatus
 *   2: process_status  ProcessStatus     per process: seq 0, 1, 2, ... across all its runs
 *   3: task_status     TaskStatus        every (re)start of a runner or a kill path appends one
 * Struct fields are written in ascending id order; unset fields are omitted.
 *
 * torn tail   A last record cut short (1-3 bytes of length, or fewer payload bytes than the length
 *             says) is "not yet written": readers stop before it and report its offset; a writer
 *             opening the file truncates it, under the lock, before appending.
 * corruption  A length over the maximum, a payload that does not decode, a union with other than
 *             one member: the stream is refused with file, offset and record index.
 * lock        Writers hold an exclusive, non-blocking flock(2) on the file for their lifetime (the
 *             lock Aurora's Python takes; POSIX fcntl locks would not exclude it). Readers never
 *             lock.
 * durability  Records go out in one write(2) on an O_APPEND descriptor, then fdatasync(2) before
 *             the append returns. Records appended together share the write and the sync.
 * </pre>
 */
public final class CheckpointFormat {
  /** Bytes of the length prefix. */
  public static final int LENGTH_BYTES = 4;
  /** The largest payload a record may have: 64 MiB, as Aurora's RecordIO. */
  public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  private CheckpointFormat() {}
}
