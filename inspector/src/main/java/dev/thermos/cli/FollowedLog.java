package dev.thermos.cli;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One log file being followed: where we are in it and the part of a line not yet ended. It may not
 * exist yet (then nothing is read until it does). When the file is replaced (rotation renames it
 * and starts a new one) the rest of the old file is read, then the new one from its start.
 */
final class FollowedLog implements Closeable {
  private final Path file;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private FileChannel channel;
  private Object fileKey;
  private long position;

  FollowedLog(Path file) {
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
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private boolean replaced() throws IOException {
    try {
      return !Objects.equals(fileKey, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    } catch (NoSuchFileException e) {
      return false; // renamed away and not recreated yet: keep the old one
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
