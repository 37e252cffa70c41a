package dev.thermos.runner;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.gen.RunnerCkpt;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where the runner's records go: the checkpoint's {@link CheckpointWriter}, or a test's fake. */
interface RecordSink extends Closeable {
  /**
   * Appends {@code records} durably, all or none.
   *
   * @throws dev.thermos.format.CheckpointWriteException when they did not reach the disk
   */
  void append(List<RunnerCkpt> records) throws IOException;

  /** True when the file lost its name (its directory or the root was deleted). */
  boolean isDeleted() throws IOException;

  Path path();

  static RecordSink of(CheckpointWriter writer) {
    return new RecordSink() {
      @Override
      public void append(List<RunnerCkpt> records) throws IOException {
        writer.append(records);
      }

      @Override
      public boolean isDeleted() throws IOException {
        return writer.isDeleted();
      }

      @Override
      public Path path() {
        return writer.path();
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }
}
