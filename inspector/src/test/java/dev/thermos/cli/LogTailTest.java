package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTailTest {
  @TempDir Path dir;

  private List<String> lastLines(String content, int count) throws IOException {
    Path file = dir.resolve("log");
    Files.writeString(file, content);
    try (FileChannel channel = FileChannel.open(file)) {
      return LogTail.lastLines(channel, channel.size(), count);
    }
  }

  /** What reading the whole file and splitting it gives (a final newline ends the last line). */
  private static List<String> naive(String content, int count) {
    if (content.isEmpty()) {
      return List.of();
    }
    String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    List<String> all = Arrays.asList(body.split("\n", -1));
    return all.subList(Math.max(0, all.size() - count), all.size());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomLogsGiveWhatSplittingTheWholeFileGives(long seed) throws IOException {
    Random random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      StringBuilder content = new StringBuilder();
      int lines = random.nextInt(60);
      for (int l = 0; l < lines; l++) {
        // long lines cross the 8 KiB block boundary
        content.append("x".repeat(random.nextInt(random.nextBoolean() ? 20 : 3000)));
        if (l < lines - 1 || random.nextBoolean()) {
          content.append('\n');
        }
      }
      int count = random.nextInt(15);
      assertEquals(naive(content.toString(), count), lastLines(content.toString(), count),
          "seed " + seed + " case " + i);
    }
  }

  @Test
  void emptyLinesAndAMissingFinalNewlineCount() throws IOException {
    assertEquals(List.of("", "a", "b"), lastLines("\na\nb\n", 10));
    assertEquals(List.of("b", "c"), lastLines("a\nb\nc", 2));
    assertEquals(List.of(""), lastLines("\n", 5));
    assertEquals(List.of(), lastLines("", 5));
  }

  @Test
  void onlyTheBytesBeforeTheGivenEndAreRead() throws IOException {
    Path file = dir.resolve("log");
    Files.writeString(file, "one\ntwo\nthree\n");
    try (FileChannel channel = FileChannel.open(file)) {
      assertEquals(List.of("one", "two"), LogTail.lastLines(channel, 8, 5));
    }
  }

  @Test
  void utf8SurvivesBlockBoundaries() throws IOException {
    String line = "é".repeat(5000);
    assertEquals(List.of(line), lastLines("a\n" + line + "\n", 1));
    assertEquals(line.getBytes(StandardCharsets.UTF_8).length, 10000);
  }
}
