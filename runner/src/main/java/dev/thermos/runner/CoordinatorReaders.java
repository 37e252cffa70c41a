package dev.thermos.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** One reader of each process's coordinator checkpoint, kept open across its runs. */
final class CoordinatorReaders {
  private final Map<String, CoordinatorStream> readers = new HashMap<>();
  private final Function<String, Path> checkpoint;

  /** {@code checkpoint}: where each process's coordinator checkpoint is. */
  CoordinatorReaders(Function<String, Path> checkpoint) {
    this.checkpoint = checkpoint;
  }

  /** The process's coordinator stream, where its reading stopped. */
  CoordinatorStream of(String process) {
    return readers.computeIfAbsent(process, p -> new CoordinatorStream(checkpoint.apply(p)));
  }

  /** The process's coordinator stream, moved past every complete record already there. */
  CoordinatorStream atEnd(String process) throws IOException {
    CoordinatorStream reader = of(process);
    reader.skipToEnd();
    return reader;
  }

  void close() throws IOException {
    for (CoordinatorStream r : readers.values()) {
      r.close();
    }
  }
}
