package dev.thermos.supervision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where this process's cgroup v2 is: the mount point of the {@code cgroup2} file system (from
 * {@code /proc/self/mountinfo}; on a hybrid host it is {@code /sys/fs/cgroup/unified}) joined with
 * the process's own v2 path (the {@code 0::} line of {@code /proc/self/cgroup}).
 */
final class CgroupMounts {
  private CgroupMounts() {}

  /** The directory of this process's own cgroup v2; empty when there is no cgroup v2. */
  static Optional<Path> ownCgroup() {
    try {
      return ownCgroup(Files.readAllLines(Path.of("/proc/self/mountinfo")),
          Files.readAllLines(Path.of("/proc/self/cgroup")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * True when {@code dir} is a directory of the cgroup v2 hierarchy: its real path (no link on
   * the way) is below the cgroup2 mount point. A path read from a file is trusted only so.
   */
  static boolean isCgroup(Path dir) {
    try {
      Optional<Path> mount = mountPoint(Files.readAllLines(Path.of("/proc/self/mountinfo")));
      Path real = dir.toRealPath();
      return mount.isPresent() && real.equals(dir.normalize()) && real.startsWith(mount.get())
          && !real.equals(mount.get());
    } catch (IOException e) {
      return false;
    }
  }

  /** {@link #ownCgroup()} from the two files' lines (for tests). */
  static Optional<Path> ownCgroup(List<String> mountinfo, List<String> cgroup) {
    Optional<Path> mount = mountPoint(mountinfo);
    if (mount.isEmpty()) {
      return Optional.empty();
    }
    for (String line : cgroup) {
      if (line.startsWith("0::/")) {
        String own = line.substring(4);
        Path dir = own.isEmpty() ? mount.get() : mount.get().resolve(own);
        return Optional.of(Files.isDirectory(dir) ? dir : mount.get());
      }
    }
    return Optional.empty();
  }

  /** The first cgroup2 mount point of a mountinfo file, octal escapes undone. */
  static Optional<Path> mountPoint(List<String> mountinfo) {
    for (String line : mountinfo) {
      int separator = line.indexOf(" - ");
      if (separator < 0) {
        continue;
      }
      String[] left = line.substring(0, separator).split(" ");
      String[] right = line.substring(separator + 3).split(" ");
      if (left.length >= 5 && right.length >= 1 && right[0].equals("cgroup2")) {
        return Optional.of(Path.of(unescape(left[4])));
      }
    }
    return Optional.empty();
  }

  /** mountinfo writes space, tab, newline and backslash as {@code \ooo}. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
