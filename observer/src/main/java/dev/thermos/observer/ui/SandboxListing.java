package dev.thermos.observer.ui;

import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists one directory of a task's sandbox. The sandbox is opened as a leaf (its parent is the
 * operator's; the sandbox itself must not be a link) and the relative path is walked one name at a
 * time through {@link SafeDirectory}: a {@code ..}, an absolute path or a link on the way is
 * refused with an {@link UnsafePathException}. Entries are described by {@code lstat}, so a link
 * is listed as a link and never followed.
 */
public final class SandboxListing {
  /** Listing stops after this many entries ({@link Listing#truncated()}). */
  public static final int MAX_ENTRIES = 10_000;

  /** One directory entry: {@code type} is file, directory, link or other; sizes in bytes. */
  public record Entry(String name, String type, long sizeBytes, long mtimeMs) {}

  /** The entries of {@code path} (relative to the sandbox; "" for the sandbox), sorted by name. */
  public record Listing(String path, List<Entry> entries, boolean truncated) {}

  private SandboxListing() {}

  /**
   * Lists {@code relative} below {@code sandbox}.
   *
   * @throws NoSuchFileException when the sandbox or the directory does not exist
   * @throws UnsafePathException when the path leaves the sandbox or passes a link
   * @throws IOException when it is not a directory or cannot be read
   */
  public static Listing list(Path sandbox, String relative) throws IOException {
    Path rel = parse(relative);
    try (SafeDirectory top = SafeDirectory.openLeaf(sandbox, false);
        SafeDirectory dir = top.walk(rel, false)) {
      List<Entry> entries = new ArrayList<>();
      boolean truncated = false;
      try (DirectoryStream<Path> names = Files.newDirectoryStream(dir.procPath())) {
        for (Path name : names) {
          if (entries.size() == MAX_ENTRIES) {
            truncated = true;
            break;
          }
          describe(dir, name.getFileName().toString()).ifPresent(entries::add);
        }
      }
      entries.sort(Comparator.comparing(Entry::name));
      return new Listing(normalized(rel), entries, truncated);
    }
  }

  private static Optional<Entry> describe(SafeDirectory dir, String name) throws IOException {
    Optional<FileStat> stat = dir.stat(name);
    if (stat.isEmpty()) {
      return Optional.empty(); // removed while listing
    }
    long mtimeMs;
    try {
      mtimeMs = Files.getLastModifiedTime(dir.procPath().resolve(name), LinkOption.NOFOLLOW_LINKS)
          .toMillis();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new Entry(name, type(stat.get()), stat.get().sizeBytes(), mtimeMs));
  }

  private static String type(FileStat stat) {
    if (stat.isRegularFile()) {
      return "file";
    }
    if (stat.isDirectory()) {
      return "directory";
    }
    return stat.isSymbolicLink() ? "link" : "other";
  }

  private static Path parse(String relative) throws UnsafePathException {
    try {
      Path rel = Path.of(relative);
      if (rel.isAbsolute()) {
        throw new UnsafePathException(rel, "an absolute path where a relative one belongs");
      }
      return rel;
    } catch (InvalidPathException e) {
      throw new UnsafePathException(Path.of("."), "not a path: " + e.getReason());
    }
  }

  private static String normalized(Path rel) {
    List<String> parts = new ArrayList<>();
    for (Path part : rel) {
      String name = part.toString();
      if (!name.isEmpty() && !name.equals(".")) {
        parts.add(name);
      }
    }
    return String.join("/", parts);
  }
}
