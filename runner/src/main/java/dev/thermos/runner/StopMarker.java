package dev.thermos.runner;

import dev.thermos.gen.TaskState;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stop the runner was asked for, kept durably in {@code checkpoints/<task_id>/runner.stop} before
 * the runner acts on it. The checkpoint format has no place for it (Aurora keeps it in memory, so
 * its runner, killed during a graceful kill and restarted, ends SUCCESS or FAILED, or even goes on
 * launching processes); a restarted runner reads it back and finishes the stop.
 *
 * <p>The file holds one line: the terminal state asked for and {@code graceful} or {@code now}.
 */
final class StopMarker {
  /** The stop: the terminal state to end in, and whether the finalization window is skipped. */
  record Stop(TaskState end, boolean now) {
    Stop {
      if (end != TaskState.KILLED && end != TaskState.LOST) {
        throw new IllegalArgumentException("a stop ends KILLED or LOST, not " + end);
      }
    }
  }

  private static final int MAX_BYTES = 4096;

  private final Path file;

  /** {@code file}: in a task's checkpoint directory, whose parent is the operator's. */
  StopMarker(Path file) {
    this.file = file;
  }

  /**
   * The recorded stop; empty when none was recorded.
   *
   * @throws IOException when the file cannot be read or does not hold a stop (names the file), or
   *     is a link or not a regular file
   */
  Optional<Stop> read() throws IOException {
    String text;
    try (SafeDirectory dir = SafeDirectory.openLeaf(file.getParent(), false)) {
      text = new String(dir.readAll(name(), MAX_BYTES), StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] words = text.split(" ");
    if (words.length == 2 && (words[1].equals("graceful") || words[1].equals("now"))) {
      try {
        return Optional.of(new Stop(TaskState.valueOf(words[0]), words[1].equals("now")));
      } catch (IllegalArgumentException e) {
        // Falls through to the error below.
      }
    }
    throw new IOException(file + ": not a stop request: \"" + text + "\"");
  }

  /** Records {@code stop} durably: a synced temporary file renamed over the marker, dir synced. */
  void write(Stop stop) throws IOException {
    byte[] line = (stop.end().name() + (stop.now() ? " now" : " graceful") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    try (SafeDirectory dir = SafeDirectory.openLeaf(file.getParent(), true)) {
      dir.writeAtomically(name(), line, 0644);
    }
  }

  private String name() {
    return file.getFileName().toString();
  }
}
