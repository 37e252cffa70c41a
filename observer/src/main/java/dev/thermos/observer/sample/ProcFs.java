package dev.thermos.observer.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code /proc} file system (the real one, or a fake tree in a test): its processes' stat lines
 * and the time since boot. A process gone between the listing and the read is simply absent.
 */
final class ProcFs {
  private final Path root;
  private final long clockTicksPerSec;
  private final long pageBytes;

  ProcFs(Path root, long clockTicksPerSec, long pageBytes) {
    this.root = root;
    this.clockTicksPerSec = clockTicksPerSec;
    this.pageBytes = pageBytes;
  }

  long clockTicksPerSec() {
    return clockTicksPerSec;
  }

  long pageBytes() {
    return pageBytes;
  }

  /**
   * Every process now, by pid: one listing of the directory and one read of each {@code stat}.
   *
   * @throws IOException when the directory cannot be listed
   */
  Map<Integer, ProcStat> snapshot() throws IOException {
    Map<Integer, ProcStat> out = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        try {
          ProcStat stat = ProcStat.parse(Files.readString(dir.resolve("stat"),
              StandardCharsets.UTF_8));
          out.put(stat.pid(), stat);
        } catch (IOException | IllegalArgumentException e) {
          // gone meanwhile, or not a process directory
        }
      }
    }
    return out;
  }

  /**
   * Seconds since boot ({@code uptime}, first field).
   *
   * @throws IOException when it cannot be read
   */
  double uptimeSecs() throws IOException {
    String text = Files.readString(root.resolve("uptime"), StandardCharsets.US_ASCII).trim();
    try {
      return Double.parseDouble(text.split("\\s+")[0]);
    } catch (NumberFormatException e) {
      throw new IOException("bad " + root.resolve("uptime") + ": " + text, e);
    }
  }
}
