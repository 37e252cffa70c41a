package dev.thermos.runner;

import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One reader of each process's coordinator checkpoint, kept open across its runs, each file opened
 * relative to the task's checkpoint directory, itself opened once (not through a link) at the first
 * read.
 */
final class CoordinatorReaders {
  private final Map<String, CoordinatorStream> readers = new HashMap<>();
  private final Function<String, Path> checkpoint;
  private SafeDirectory directory;

  /** {@code checkpoint}: where each process's coordinator checkpoint is. */
  CoordinatorReaders(Function<String, Path> checkpoint) {
    this.checkpoint = checkpoint;
  }

  /** The process's coordinator stream, where its reading stopped. */
  CoordinatorStream of(String process) {
    return readers.computeIfAbsent(process,
        p -> new CoordinatorStream(checkpoint.apply(p), this::directory));
  }

  /** The process's coordinator stream, moved past every complete record already there. */
  CoordinatorStream atEnd(String process) throws IOException {
    CoordinatorStream reader = of(process);
    reader.skipToEnd();
    return reader;
  }

  /** The checkpoint directory {@code file} is in (all of them are in the same). */
  private SafeDirectory directory(Path file) throws IOException {
    if (directory == null) {
      directory = SafeDirectory.openLeaf(file.toAbsolutePath().getParent(), false);
    }
    return directory;
  }

  /** Closes every stream and the directory (once), then throws the first failure, if any. */
  void close() throws IOException {
    IOException failure = null;
    for (CoordinatorStream r : readers.values()) {
      try {
        r.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    readers.clear();
    if (directory != null) {
      directory.close();
      directory = null;
    }
    if (failure != null) {
      throw failure;
    }
  }
}
