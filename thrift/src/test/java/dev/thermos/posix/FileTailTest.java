package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailTest {
  @TempDir Path dir;

  private String tail(int max) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      return new String(FileTail.read(d, "log", max), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSmallFileIsReadWholeAndALargeOneFromTheFirstWholeLineOfItsTail() throws Exception {
    Files.writeString(dir.resolve("log"), "first line\nsecond\nthird\n");
    assertEquals("first line\nsecond\nthird\n", tail(1024));
    assertEquals("third\n", tail(10), "\"second\\n\" does not fit whole");
    assertEquals("second\nthird\n", tail(13));
  }

  @Test
  void aLinkIsNotFollowed() throws Exception {
    Files.createSymbolicLink(dir.resolve("log"), Files.writeString(dir.resolve("real"), "x\n"));
    assertThrows(IOException.class, () -> tail(10));
  }
}
