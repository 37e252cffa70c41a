package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorStatTest {
  @TempDir Path dir;

  private static int open(Path path, int flags) {
    return LibC.open(LibC.cPath(path.toString()), flags | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
  }

  @Test
  void countsTheNamesOfAnOpenFileDownToZeroOnceDeleted() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    int fd = open(file, LibC.O_RDONLY);
    try {
      assertEquals(1, DescriptorStat.linkCount(fd));
      Files.createLink(dir.resolve("g"), file);
      assertEquals(2, DescriptorStat.linkCount(fd));
      Files.delete(file);
      Files.delete(dir.resolve("g"));
      assertEquals(0, DescriptorStat.linkCount(fd));
    } finally {
      LibC.close(fd);
    }
  }

  /** Every field as the JDK's attribute views say, for each kind of file and two devices. */
  @Test
  void saysWhatTheJdkSaysOfARegularFileADirectoryAFifoAndADevice() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "some bytes");
    Path fifo = dir.resolve("p");
    LibC.mkfifo(LibC.cPath(fifo.toString()), 0600);
    for (Path path : new Path[] {file, dir, fifo, Path.of("/dev/null"), Path.of("/proc/self")}) {
      int fd = open(path, LibC.O_RDONLY);
      try {
        assertEquals(FileStat.of(path), DescriptorStat.of(fd), path.toString());
      } finally {
        LibC.close(fd);
      }
    }
  }

  @Test
  void encodesDeviceNumbersAsGlibcDoes() {
    // gnu_dev_makedev(8, 1), and a major and minor with bits past the old 8-bit fields.
    assertEquals(0x801L, DescriptorStat.device(8, 1));
    assertEquals(0x0001_2006_7893_45bcL, DescriptorStat.device(0x12345, 0x6789bc));
  }
}
