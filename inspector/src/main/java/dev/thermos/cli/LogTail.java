package dev.thermos.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The last lines of a log, read backwards from a given end in blocks, so that the cost does not
 * depend on the size of the log. A last line without its newline counts as a line. Bytes that are
 * not UTF-8 are replaced.
 */
final class LogTail {
  private static final int BLOCK = 8192;

  private LogTail() {}

  /** The last {@code count} lines of {@code channel}'s bytes before {@code end}, oldest first. */
  static List<String> lastLines(FileChannel channel, long end, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    if (count <= 0 || end <= 0) {
      return lines;
    }
    ByteArrayOutputStream reversedLine = new ByteArrayOutputStream();
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    long pos = end;
    boolean skipFinalNewline = true;
    while (pos > 0 && lines.size() < count) {
      int size = (int) Math.min(BLOCK, pos);
      pos -= size;
      block.clear().limit(size);
      while (block.hasRemaining() && channel.read(block, pos + block.position()) > 0) {
        // keep reading until the block is full
      }
      for (int i = block.position() - 1; i >= 0 && lines.size() < count; i--) {
        byte b = block.get(i);
        if (b == '\n' && skipFinalNewline && pos + i == end - 1) {
          continue;
        }
        if (b == '\n') {
          lines.add(reversed(reversedLine));
        } else {
          reversedLine.write(b);
        }
      }
      skipFinalNewline = false;
    }
    if (pos == 0 && lines.size() < count) {
      lines.add(reversed(reversedLine));
    }
    Collections.reverse(lines);
    return lines;
  }

  private static String reversed(ByteArrayOutputStream reversedLine) {
    byte[] bytes = reversedLine.toByteArray();
    reversedLine.reset();
    for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
