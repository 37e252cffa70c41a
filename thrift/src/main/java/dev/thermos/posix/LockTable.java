package dev.thermos.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One reading of {@code /proc/locks}: which process holds a {@code flock(2)} on which file. Lines
 * look like {@code 1: FLOCK ADVISORY WRITE 42 fd:01:77 0 EOF} (major and minor device in hex, the
 * inode in decimal). Reading it never takes a lock, so it cannot get in a holder's way (probing by
 * taking the lock could make a runner starting at that moment find its checkpoint locked). Read
 * once and asked for many files.
 */
public final class LockTable {
  private final Map<String, Integer> holders;

  private LockTable(Map<String, Integer> holders) {
    this.holders = holders;
  }

  /** Reads {@code /proc/locks}; empty when it cannot be read. */
  public static LockTable read() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/locks")));
    } catch (IOException e) {
      return new LockTable(Map.of());
    }
  }

  /** The table of {@code lines} in the format of {@code /proc/locks}. */
  static LockTable parse(List<String> lines) {
    Map<String, Integer> holders = new HashMap<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      // "->" marks a waiter: "1: -> FLOCK ..."; only holders count
      if (f.length >= 6 && f[1].equals("FLOCK")) {
        try {
          holders.putIfAbsent(f[5], Integer.parseInt(f[4]));
        } catch (NumberFormatException e) {
          // a line of another shape: not a holder we can name
        }
      }
    }
    return new LockTable(holders);
  }

  /** The pid holding a flock on {@code file} (not following a link), if any. */
  public OptionalInt holder(Path file) {
    if (holders.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      FileStat stat = FileStat.of(file, LinkOption.NOFOLLOW_LINKS);
      return holder(stat.device(), stat.inode());
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalInt.empty();
    }
  }

  /** The pid holding a flock on the file of {@code device} and {@code inode}, if any. */
  public OptionalInt holder(long device, long inode) {
    if (holders.isEmpty()) {
      return OptionalInt.empty();
    }
    Integer pid = holders.get(key(device, inode));
    return pid == null ? OptionalInt.empty() : OptionalInt.of(pid);
  }

  /** The kernel's {@code MAJOR:MINOR:INODE} for a {@code st_dev} and inode (glibc's encoding). */
  static String key(long dev, long ino) {
    long major = ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
    return twoHex(major) + ":" + twoHex(minor) + ":" + ino;
  }

  /** {@code %02x} (no String.format: its first use loads locale data). */
  private static String twoHex(long value) {
    String hex = Long.toHexString(value);
    return hex.length() < 2 ? "0" + hex : hex;
  }
}
