package dev.thermos.cli.run;

import dev.thermos.supervision.CgroupSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether runners here use a task cgroup: the host lets them make a cgroup v2 beside their own (as
 * root, or delegated) and {@code THERMOS_CGROUP=off} does not turn cgroups off.
 */
final class TaskCgroups {
  private TaskCgroups() {}

  static boolean writable() {
    if (!CgroupSwitch.enabled()) {
      return false;
    }
    try {
      Path mount = null;
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] parts = line.split(" - ");
        if (parts.length == 2 && parts[1].startsWith("cgroup2 ")) {
          mount = Path.of(parts[0].split(" ")[4]);
          break;
        }
      }
      if (mount == null) {
        return false;
      }
      List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"));
      Path dir = mount;
      for (String line : own) {
        if (line.startsWith("0::/") && line.length() > 4) {
          dir = mount.resolve(line.substring(4));
        }
      }
      Path probe = dir.resolve("thermos-probe-" + ProcessHandle.current().pid());
      Files.createDirectory(probe);
      Files.delete(probe);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
