package dev.thermos.inspect;

import dev.thermos.format.SandboxMarker;
import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
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
 * home and anything above it; a mount point (bind mounts included); anything equal to, inside or
 * around another task's sandbox or log directory; and anything outside {@code <root>/sandbox/}
 * that does not carry the runner's {@link SandboxMarker} for that task and root, owned by the
 * task's uid (a header alone is forgeable by anyone who can write the root).
 */
public final class AreaGuard {
  private final Path root;
  private final Path sandboxes;
  private final Path home;
  private final MountPoints mounts;

  /** {@code root}: the checkpoint root, which must exist. */
  public AreaGuard(Path root) throws IOException {
    this.root = root.toRealPath();
    this.sandboxes = this.root.resolve("sandbox");
    this.home = realOrNormal(Path.of(System.getProperty("user.home")));
    this.mounts = MountPoints.read();
  }

  public Path root() {
    return root;
  }

  /**
   * The real location of {@code area} if it may be removed, or empty when it does not exist.
   *
   * @param owner the task the area belongs to
   * @param uid the task's uid (from its header): the owner its sandbox marker must have
   * @param areas the areas of every task, by real location
   * @throws UnsafePathException when it must not be removed
   */
  Optional<Path> check(Path area, String owner, int uid, AreaIndex areas) throws IOException {
    Optional<Path> real = checkPlace(area, owner, areas);
    boolean inSandboxes = real.isPresent() && real.get().startsWith(sandboxes)
        && !real.get().equals(sandboxes);
    if (real.isPresent() && !inSandboxes) {
      Optional<String> refusal = proof(real.get(), owner, uid);
      if (refusal.isPresent()) {
        throw new UnsafePathException(area, "outside " + sandboxes + " and " + refusal.get());
      }
    }
    return real;
  }

  /**
   * {@link #check} for a log directory {@code logs}. In the task's accepted sandbox (the path
   * {@code sandbox}, at {@code sandboxReal}) it needs no check of its own: removing the sandbox
   * removes it, links not followed; its location is then given as that walk sees it.
   */
  Optional<Path> checkLogs(Path logs, Path sandbox, Optional<Path> sandboxReal, String owner,
      int uid, AreaIndex areas) throws IOException {
    Path lexical = logs.normalize();
    if (sandboxReal.isPresent() && lexical.isAbsolute() && lexical.startsWith(sandbox.normalize())) {
      return Optional.of(sandboxReal.get().resolve(sandbox.normalize().relativize(lexical)));
    }
    return check(logs, owner, uid, areas);
  }

  /** Every rule but the marker's. */
  private Optional<Path> checkPlace(Path area, String owner, AreaIndex areas) throws IOException {
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
    if (isMountPoint(real)) {
      throw new UnsafePathException(area, "a mount point");
    }
    Optional<Path> other = areas.overlap(real, owner);
    if (other.isPresent()) {
      throw new UnsafePathException(area, "overlaps another task's " + other.get());
    }
    return Optional.of(real);
  }

  /** Why {@code real} is not proven to be {@code owner}'s sandbox; empty when it is. */
  private Optional<String> proof(Path real, String owner, int uid) throws IOException {
    try (SafeDirectory dir = SafeDirectory.openLeaf(real, false)) {
      return SandboxMarker.refusal(dir, owner, root, uid);
    }
  }

  private boolean isMountPoint(Path real) throws IOException {
    if (mounts.contains(real)) {
      return true;
    }
    FileStat self = FileStat.of(real, LinkOption.NOFOLLOW_LINKS);
    return self.isDirectory() && self.device() != FileStat.of(real.getParent()).device();
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
