package dev.thermos.inspect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes a file or a directory tree without ever following a symbolic link: a link is removed
 * itself, never what it points to. Directories are opened relative to their parent's descriptor
 * with {@code O_NOFOLLOW} ({@link SecureDirectoryStream}), so a directory swapped for a link while
 * the walk runs is not entered either. A directory on another file system (a mount point) is not
 * entered, nor is a mount point of the same one (a bind mount, from {@code /proc/self/mountinfo}),
 * and paths in {@code keep} are left with their parents. In a dry run nothing is removed
 * but the same walk counts what would be.
 */
public final class TreeRemover {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /**
   * What a removal did.
   *
   * @param bytes sizes of the regular files removed
   * @param entries files, links and directories removed
   * @param left what was left, each with the reason
   */
  public record Removal(long bytes, long entries, List<String> left) {}

  private final Set<Path> keep;
  private final boolean dryRun;
  private long bytes;
  private long entries;
  private final List<String> left = new ArrayList<>();
  private Object device;
  private final MountPoints mounts = MountPoints.read();

  private TreeRemover(Set<Path> keep, boolean dryRun) {
    this.keep = keep;
    this.dryRun = dryRun;
  }

  /**
   * Removes {@code path} (absolute, its parent free of links) and everything below it but
   * {@code keep}; with {@code dryRun}, only counts.
   *
   * @throws IOException when the parent cannot be opened securely
   */
  public static Removal remove(Path path, Set<Path> keep, boolean dryRun) throws IOException {
    TreeRemover r = new TreeRemover(keep, dryRun);
    Path parent = path.getParent();
    if (parent == null || !Files.exists(path, NOFOLLOW)) {
      return new Removal(0, 0, List.of());
    }
    r.device = Files.getAttribute(parent, "unix:dev", NOFOLLOW);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
      if (!(ds instanceof SecureDirectoryStream<Path> dir)) {
        throw new IOException(parent + ": no secure directory stream here; refusing to remove");
      }
      r.removeEntry(dir, parent, path.getFileName());
    }
    return new Removal(r.bytes, r.entries, List.copyOf(r.left));
  }

  /** Removes {@code name} of {@code dir}; true when it is gone (or would be). */
  private boolean removeEntry(SecureDirectoryStream<Path> dir, Path dirPath, Path name) {
    Path full = dirPath.resolve(name);
    if (keep.contains(full)) {
      left.add(full + " (kept)");
      return false;
    }
    try {
      BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes();
      if (a.isDirectory() && !removeContents(dir, full, name)) {
        return false;
      }
      if (!dryRun) {
        if (a.isDirectory()) {
          dir.deleteDirectory(name);
        } else {
          dir.deleteFile(name);
        }
      }
      bytes += a.isRegularFile() ? a.size() : 0;
      entries++;
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      left.add(full + " (" + reason(e) + ")");
      return false;
    }
  }

  /** Removes what directory {@code name} holds; true when all of it went. */
  private boolean removeContents(SecureDirectoryStream<Path> dir, Path full, Path name)
      throws IOException {
    if (!device.equals(Files.getAttribute(full, "unix:dev", NOFOLLOW))) {
      left.add(full + " (another file system)");
      return false;
    }
    if (mounts.contains(full)) {
      left.add(full + " (a mount point)");
      return false;
    }
    boolean all = true;
    try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, NOFOLLOW)) {
      List<Path> names = new ArrayList<>();
      for (Path e : sub) {
        names.add(e.getFileName());
      }
      for (Path e : names) {
        all &= removeEntry(sub, full, e);
      }
    }
    return all;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName();
  }
}
