package dev.thermos.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The mount points of this process's mount namespace ({@code /proc/self/mountinfo}), bind mounts
 * included: a bind mount of a directory of the same file system has the same {@code st_dev} as its
 * parent, so comparing devices alone does not find it. gc never removes or enters one.
 */
final class MountPoints {
  private final Set<Path> points;

  private MountPoints(Set<Path> points) {
    this.points = points;
  }

  /** The mount points now; none known when {@code /proc/self/mountinfo} cannot be read. */
  static MountPoints read() {
    Set<Path> points = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4) {
          points.add(Path.of(unescape(f[4])));
        }
      }
    } catch (IOException | RuntimeException e) {
      // No list: the device comparison in TreeRemover and AreaGuard still applies.
    }
    return new MountPoints(points);
  }

  /** Whether {@code real} (a path with no links) is a mount point. */
  boolean contains(Path real) {
    return points.contains(real);
  }

  /** mountinfo escapes space, tab, newline and backslash as {@code \ooo}. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
