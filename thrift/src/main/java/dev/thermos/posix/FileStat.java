package dev.thermos.posix;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code stat(2)} says about one file: its type and permission bits, owner, device and inode.
 *
 * @param mode {@code st_mode}
 * @param uid {@code st_uid}
 * @param device {@code st_dev}
 * @param inode {@code st_ino}
 * @param sizeBytes {@code st_size}
 */
public record FileStat(int mode, int uid, long device, long inode, long sizeBytes) {
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;

  /** {@code stat} of {@code path}, or {@code lstat} with {@link LinkOption#NOFOLLOW_LINKS}. */
  public static FileStat of(Path path, LinkOption... options) throws IOException {
    Map<String, Object> a = java.nio.file.Files.readAttributes(path, "unix:mode,uid,dev,ino,size",
        options);
    return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Long) a.get("dev"),
        (Long) a.get("ino"), (Long) a.get("size"));
  }

  public boolean isRegularFile() {
    return (mode & S_IFMT) == S_IFREG;
  }

  public boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  public boolean isSymbolicLink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** The kind of file, for messages: "a regular file", "a FIFO", "a symbolic link", ... */
  public String kind() {
    return switch (mode & S_IFMT) {
      case S_IFREG -> "a regular file";
      case S_IFDIR -> "a directory";
      case S_IFLNK -> "a symbolic link";
      case 0010000 -> "a FIFO";
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      case 0140000 -> "a socket";
      default -> "a file of unknown type";
    };
  }
}
