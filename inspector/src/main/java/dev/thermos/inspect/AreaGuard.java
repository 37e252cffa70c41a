package dev.thermos.inspect;

import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether a task's sandbox or log directory (from its checkpoint header) may be removed.
 * Paths are compared by their real location: the parent's links resolved, the last component not
 * (a link there is removed itself). Refused: a relative path; {@code /} or a top-level directory;
 * the root, anything above it, and its {@code checkpoints} and {@code tasks} trees; the user's
 * home and anything above it; anything equal to, inside or around another task's sandbox or log
 * directory.
 */
public final class AreaGuard {
  private final Path root;
  private final Path home;

  /** {@code root}: the checkpoint root, which must exist. */
  public AreaGuard(Path root) throws IOException {
    this.root = root.toRealPath();
    this.home = realOrNormal(Path.of(System.getProperty("user.home")));
  }

  public Path root() {
    return root;
  }

  /**
   * The real location of {@code area} if it may be removed, or empty when it does not exist.
   *
   * @param owner the task the area belongs to
   * @param areas the areas of every task, by real location
   * @throws UnsafePathException when it must not be removed
   */
  Optional<Path> check(Path area, String owner, AreaIndex areas) throws IOException {
    if (!area.isAbsolute()) {
      throw new UnsafePathException(area, "not an absolute path");
    }
    if (!Files.exists(area, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path real = realOrNormal(area);
    if (real.getNameCount() < 2) {
      throw new UnsafePathException(area, "a top-level directory");
    }
    if (root.startsWith(real)) {
      throw new UnsafePathException(area, "the checkpoint root or above it");
    }
    if (real.startsWith(root.resolve("checkpoints")) || real.startsWith(root.resolve("tasks"))) {
      throw new UnsafePathException(area, "inside the root's checkpoints or tasks");
    }
    if (home.startsWith(real)) {
      throw new UnsafePathException(area, "the home directory or above it");
    }
    Optional<Path> other = areas.overlap(real, owner);
    if (other.isPresent()) {
      throw new UnsafePathException(area, "overlaps another task's " + other.get());
    }
    return Optional.of(real);
  }

  /** The path with its parent's links resolved (its last component as is), or just normalized. */
  static Path realOrNormal(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null) {
      return abs;
    }
    try {
      return parent.toRealPath().resolve(abs.getFileName());
    } catch (IOException e) {
      return abs;
    }
  }
}
