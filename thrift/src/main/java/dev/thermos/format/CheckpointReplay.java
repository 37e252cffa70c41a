package dev.thermos.format;

import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Path;

/** Whole-file replay: read every complete record of a checkpoint and rebuild the state. */
public final class CheckpointReplay {
  private CheckpointReplay() {}

  /**
   * Replays {@code path}. A torn tail is reported in the result, not thrown.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws CorruptCheckpointException when the bytes are not a record stream
   * @throws InvalidCheckpointException when a record breaks the replay rules
   * @throws IOException when the file cannot be read
   */
  public static ReplayResult replay(Path path) throws IOException {
    Replayer replayer = new Replayer();
    try (CheckpointReader reader = CheckpointReader.open(path)) {
      return replay(reader, replayer);
    }
  }

  /**
   * Replays {@code path}, a runner's stream or a coordinator's: a stream whose first record is a
   * process status (a runner's starts with its task status or header) is replayed as a
   * coordinator's ({@link Replayer#forCoordinatorStream()}).
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws CorruptCheckpointException when the bytes are not a record stream
   * @throws InvalidCheckpointException when a record breaks the replay rules
   * @throws IOException when the file cannot be read
   */
  public static ReplayResult replayAnyStream(Path path) throws IOException {
    RunnerCkpt first;
    try (CheckpointReader reader = CheckpointReader.open(path)) {
      first = reader.next();
    }
    Replayer replayer = first != null && first.isSetProcessStatus()
        ? Replayer.forCoordinatorStream() : new Replayer();
    try (CheckpointReader reader = CheckpointReader.open(path)) {
      return replay(reader, replayer);
    }
  }

  /** Told of each record once it has been applied. */
  @FunctionalInterface
  public interface AppliedRecord {
    /** {@code record}, number {@code recordIndex} of the stream, was applied. */
    void applied(RunnerCkpt record, long recordIndex);
  }

  /** Applies every complete record of {@code reader} to {@code replayer}. */
  public static ReplayResult replay(CheckpointReader reader, Replayer replayer) throws IOException {
    return replay(reader, replayer, (record, index) -> { });
  }

  /**
   * Applies every complete record of {@code reader} to {@code replayer}, telling {@code applied}
   * of each (a follower turns them into events as it goes; those before a bad record stay told).
   */
  public static ReplayResult replay(CheckpointReader reader, Replayer replayer,
      AppliedRecord applied) throws IOException {
    long first = reader.recordIndex();
    for (RunnerCkpt record = reader.next(); record != null; record = reader.next()) {
      try {
        replayer.apply(record);
      } catch (ReplayException e) {
        throw new InvalidCheckpointException(reader.path(), reader.lastRecordOffset(),
            reader.recordIndex() - 1, e.getMessage());
      }
      applied.applied(record, reader.recordIndex() - 1);
    }
    return new ReplayResult(
        replayer.state(), reader.recordIndex() - first, reader.offset(), reader.tornAt());
  }
}
