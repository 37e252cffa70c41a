package dev.thermos.runner;

import dev.thermos.format.CheckpointReader;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Follows one process's coordinator checkpoint across all its runs, remembering how far it read.
 * The file is created by the first coordinator; until then there is nothing to read, and the
 * reader is opened only once it exists (no file system work on the launch path).
 */
final class CoordinatorStream {
  /** Opens the directory a coordinator checkpoint is in (shared, not closed by the stream). */
  interface Directories {
    SafeDirectory of(Path file) throws IOException;
  }

  private final Path file;
  private final Directories directories;
  private CheckpointReader reader;

  CoordinatorStream(Path file, Directories directories) {
    this.file = file;
    this.directories = directories;
  }

  /** The next complete record, or null when there is none (yet). */
  RunnerCkpt next() throws IOException {
    if (reader == null) {
      try {
        reader = CheckpointReader.openFollowing(directories.of(file),
            file.getFileName().toString());
      } catch (NoSuchFileException e) {
        return null;
      }
    }
    return reader.next();
  }

  /** Moves past every complete record already there: the next run's records come after them. */
  void skipToEnd() throws IOException {
    // java.io.File: a missing file (every launch of a process's first run) costs no exception.
    if (reader == null && !file.toFile().exists()) {
      return;
    }
    while (next() != null) {
      // records of earlier runs
    }
  }

  void close() throws IOException {
    if (reader != null) {
      CheckpointReader closing = reader;
      reader = null;
      closing.close();
    }
  }
}
