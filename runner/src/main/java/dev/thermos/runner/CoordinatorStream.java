package dev.thermos.runner;

import dev.thermos.format.CheckpointReader;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Follows one process's coordinator checkpoint across all its runs, remembering how far it read.
 * The file is created by the first coordinator; until then there is nothing to read, and the
 * reader is opened only once it exists (no file system work on the launch path).
 */
final class CoordinatorStream {
  private final Path file;
  private CheckpointReader reader;

  CoordinatorStream(Path file) {
    this.file = file;
  }

  /** The next complete record, or null when there is none (yet). */
  RunnerCkpt next() throws IOException {
    if (reader == null) {
      try {
        reader = CheckpointReader.openInTask(file);
      } catch (NoSuchFileException e) {
        return null;
      }
    }
    return reader.next();
  }

  /** Moves past every complete record already there: the next run's records come after them. */
  void skipToEnd() throws IOException {
    if (reader == null && !Files.exists(file)) {
      return;
    }
    while (next() != null) {
      // records of earlier runs
    }
  }

  void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
