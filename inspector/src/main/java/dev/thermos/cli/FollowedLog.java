package dev.thermos.cli;

import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One log file being followed: where we are in it and the part of a line not yet ended. It may not
 * exist yet (then nothing is read until it does). When the file is replaced (rotation renames it
 * and starts a new one) the rest of the old file is read, then the new one from its start.
 */
final class FollowedLog implements Closeable {
  private final Path anchor;
  private final Path file;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private FileChannel channel;
  private long inode = -1;
  private long position;

  /**
   * {@code file} below {@code anchor}: the anchor's links are followed, nothing below it is (a link
   * or a FIFO there is an {@link dev.thermos.posix.UnsafePathException}, never read).
   */
  FollowedLog(Path anchor, Path file) {
    this.anchor = anchor;
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Opens the file if it exists; returns its last {@code count} lines and continues after them. */
  List<String> start(int count) throws IOException {
    if (!open()) {
      return List.of();
    }
    position = channel.size();
    return LogTail.lastLines(channel, position, count);
  }

  /** Passes every line completed since the last call to {@code sink}. */
  void readNew(Consumer<String> sink) throws IOException {
    if (channel == null && !open()) {
      return;
    }
    drain(sink);
    if (replaced()) {
      channel.close();
      channel = null;
      position = 0;
      if (open()) {
        drain(sink);
      }
    }
  }

  /** Passes a last line that has no newline (the writer is done) to {@code sink}. */
  void flushPartial(Consumer<String> sink) {
    if (partial.size() > 0) {
      sink.accept(partial.toString(StandardCharsets.UTF_8));
      partial.reset();
    }
  }

  private void drain(Consumer<String> sink) throws IOException {
    if (channel.size() < position) {
      position = 0; // truncated in place: start over
    }
    while (true) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        return;
      }
      position += n;
      byte[] bytes = buffer.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          sink.accept(partial.toString(StandardCharsets.UTF_8));
          partial.reset();
        } else {
          partial.write(bytes[i]);
        }
      }
    }
  }

  private boolean open() throws IOException {
    try (SafeDirectory dir = directory()) {
      channel = dir.openRead(name());
      inode = dir.stat(name()).map(FileStat::inode).orElse(-1L);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private boolean replaced() throws IOException {
    try (SafeDirectory dir = directory()) {
      // Renamed away and not recreated yet: keep the old one.
      return dir.stat(name()).map(s -> s.inode() != inode).orElse(false);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private SafeDirectory directory() throws IOException {
    return SafeDirectory.open(anchor, anchor.relativize(file.getParent()), false);
  }

  private String name() {
    return file.getFileName().toString();
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
