package dev.thermos.runner;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.Names;
import dev.thermos.launch.RunAs;
import dev.thermos.posix.LibC;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom a task's processes run as: the task's {@code user} (Aurora's field) when the runner is
 * root, else the runner's own user, which the task's {@code user}, if given, must name.
 */
final class TaskUser {
  private TaskUser() {}

  /**
   * The user to switch to, or null when the processes run as the runner does.
   *
   * @param requested the task's {@code user}, or null
   * @param current the runner's user name
   * @param euid the runner's effective uid
   * @throws InvalidTaskException for an unknown user, or another user than the runner's when
   *     the runner is not root
   */
  static RunAs resolve(String requested, String current, int euid) throws InvalidTaskException {
    if (requested == null || (requested.equals(current) && euid != 0)) {
      return null;
    }
    if (euid != 0) {
      throw new InvalidTaskException("user " + Names.quote(requested) + ": processes can run as"
          + " another user only when the runner is root (it runs as " + Names.quote(current) + ")");
    }
    RunAs user;
    try {
      user = lookup(requested);
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskException("user " + Names.quote(requested)
          + ": its uid or gid is beyond 2^31-1, which the runner cannot switch to");
    }
    if (user == null) {
      throw new InvalidTaskException("user " + Names.quote(requested) + ": no such user");
    }
    return user.uid() == 0 ? null : user;
  }

  /** The user's ids from the system's user database, or null when it has no such user. */
  static synchronized RunAs lookup(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      return null;
    }
    byte[] cName = LibC.cPath(name);
    Pointer pw = LibC.getpwnam(cName);
    if (pw == null) {
      return null;
    }
    // struct passwd on Linux (LP64): pw_name, pw_passwd, then uid_t pw_uid, gid_t pw_gid.
    int uid = pw.getInt(2L * Native.POINTER_SIZE);
    int gid = pw.getInt(2L * Native.POINTER_SIZE + 4);
    return new RunAs(name, uid, gid, groups(cName, gid));
  }

  private static List<Integer> groups(byte[] cName, int gid) {
    int[] count = {32};
    int[] ids = new int[count[0]];
    while (LibC.getgrouplist(cName, gid, ids, count) < 0) {
      ids = new int[Math.max(count[0], ids.length * 2)];
      count[0] = ids.length;
    }
    List<Integer> out = new ArrayList<>(count[0]);
    for (int i = 0; i < count[0]; i++) {
      out.add(ids[i]);
    }
    return out;
  }
}
