package dev.thermos.posix;

import com.sun.jna.LastErrorException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An open directory, and the only way thermos opens what lies below a task's directories: every
 * name is looked up relative to this descriptor ({@code openat}, {@code mkdirat},
 * {@code renameat}, {@code unlinkat}) and never through a symbolic link.
 *
 * <pre>
 *   try (SafeDirectory ckpt = SafeDirectory.open(root.resolve("checkpoints"), Path.of(id), true);
 *       FileChannel in = ckpt.openRead("runner")) { ... }
 * </pre>
 *
 * <p>The operator's directories (the root, {@code <root>/checkpoints}, the parent of a sandbox)
 * are opened by {@link #open(Path)}, following links as any path the operator gives. Everything
 * below them is opened by name with {@code O_NOFOLLOW}: a link, a {@code ..}, an absolute path, or
 * (where a file is read or written) anything but a regular file is refused with an
 * {@link UnsafePathException}. Files are opened {@code O_NONBLOCK}, so a FIFO or a device is
 * refused without blocking. Java gets a {@link FileChannel} by re-opening ({@link Descriptors#channel})
 * {@code /proc/self/fd/N}, which names the very inode already opened, not a path.
 *
 * <p>Not thread-safe; close it when done (the files opened from it stay open).
 */
public final class SafeDirectory implements Closeable {
  private static final int DIRECTORY = LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC;
  private static final int DIRECTORY_MODE = 0777;

  private final Path path;
  private int fd;

  private SafeDirectory(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /**
   * Opens the operator's directory {@code dir}, following links.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws IOException when it is not a directory or cannot be opened
   */
  public static SafeDirectory open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    try {
      return new SafeDirectory(abs, LibC.open(LibC.cPath(abs.toString()), DIRECTORY, 0));
    } catch (LastErrorException e) {
      throw Descriptors.failure(abs, e);
    }
  }

  /**
   * Opens {@code trusted.resolve(relative)}: {@code trusted} as {@link #open(Path)} does (created
   * with its parents when {@code create}), then each component of {@code relative} without
   * following links (each created when {@code create}).
   */
  public static SafeDirectory open(Path trusted, Path relative, boolean create)
      throws IOException {
    if (create) {
      java.nio.file.Files.createDirectories(trusted);
    }
    try (SafeDirectory top = open(trusted)) {
      return top.walk(relative, create);
    }
  }

  /**
   * Opens {@code dir} whose parent is the operator's (followed) but which is itself not (a task's
   * sandbox, {@code checkpoints/<task_id>}): made when {@code create}, refused when a link.
   */
  public static SafeDirectory openLeaf(Path dir, boolean create) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      throw new UnsafePathException(abs, "the file system root");
    }
    return open(abs.getParent(), abs.getFileName(), create);
  }

  /** The path this directory was opened by (for messages; it is not used to open anything). */
  public Path path() {
    return path;
  }

  /** {@code /proc/self/fd/N}: a path naming this very directory, valid until {@link #close()}. */
  public Path procPath() {
    ensureOpen();
    return Path.of("/proc/self/fd/" + fd);
  }

  /** The directory {@code name} below this one (made first when {@code create}); never a link. */
  public SafeDirectory directory(String name, boolean create) throws IOException {
    Path full = resolve(checkedName(name));
    if (create) {
      try {
        LibC.mkdirat(fd, LibC.cPath(name), DIRECTORY_MODE);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != LibC.EEXIST) {
          throw Descriptors.failure(full, e);
        }
      }
    }
    try {
      return new SafeDirectory(full,
          LibC.openat(fd, LibC.cPath(name), DIRECTORY | LibC.O_NOFOLLOW, 0));
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ENOTDIR) {
        // O_DIRECTORY|O_NOFOLLOW on a link fails with ENOTDIR: say what is there.
        Optional<FileStat> what = stat(name);
        if (what.isPresent()) {
          throw new UnsafePathException(full, what.get().isSymbolicLink()
              ? "a symbolic link (not followed)" : what.get().kind() + ", not a directory");
        }
      }
      throw Descriptors.failure(full, e);
    }
  }

  /**
   * The directory {@code relative} below this one, one component at a time (each made first when
   * {@code create}); an empty path gives this directory again. A {@code ..}, an absolute path or a
   * link on the way is refused.
   */
  public SafeDirectory walk(Path relative, boolean create) throws IOException {
    if (relative.isAbsolute()) {
      throw new UnsafePathException(relative, "an absolute path where a relative one belongs");
    }
    SafeDirectory current;
    try {
      current = new SafeDirectory(path, LibC.openat(fd, LibC.cPath("."), DIRECTORY, 0));
    } catch (LastErrorException e) {
      throw Descriptors.failure(path, e);
    }
    for (Path part : relative) {
      String name = part.toString();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      try (SafeDirectory parent = current) {
        current = parent.directory(name, create);
      }
    }
    return current;
  }

  /**
   * Opens the regular file {@code name} with {@code flags} (plus {@code O_NOFOLLOW},
   * {@code O_NONBLOCK} and {@code O_CLOEXEC}) and returns its descriptor.
   *
   * @throws NoSuchFileException when it does not exist (and {@code O_CREAT} is not given)
   * @throws UnsafePathException when it is a link, a FIFO, a device or anything but a regular file
   */
  public int openFile(String name, int flags, int mode) throws IOException {
    Path full = resolve(checkedName(name));
    int file;
    try {
      file = LibC.openat(fd, LibC.cPath(name),
          flags | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC, mode);
    } catch (LastErrorException e) {
      throw Descriptors.failure(full, e);
    }
    try {
      FileStat stat = Descriptors.stat(file);
      if (!stat.isRegularFile()) {
        throw new UnsafePathException(full, stat.kind() + ", not a regular file");
      }
      return file;
    } catch (IOException | RuntimeException e) {
      LibC.close(file);
      throw e;
    }
  }

  /** The regular file {@code name}, for reading (see {@link #openFile}). */
  public FileChannel openRead(String name) throws IOException {
    int file = openFile(name, LibC.O_RDONLY, 0);
    try {
      return Descriptors.channel(file, StandardOpenOption.READ);
    } finally {
      LibC.close(file);
    }
  }

  /**
   * The whole of the regular file {@code name}, at most {@code maxBytes} of it. The buffer is
   * sized by the file and grows if it does meanwhile: a limit of 16 MiB once allocated 16 MiB to
   * read a 200-byte template (20 ms of a task's start, most of it growing the heap).
   */
  public byte[] readAll(String name, int maxBytes) throws IOException {
    try (FileChannel in = openRead(name)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes + 1L, in.size() + 1));
      while (true) {
        if (!buf.hasRemaining()) {
          if (buf.capacity() > maxBytes) {
            break;  // one byte more than allowed: too large
          }
          buf = ByteBuffer.allocate((int) Math.min(maxBytes + 1L, buf.capacity() * 2L))
              .put(buf.flip());
        }
        if (in.read(buf) <= 0) {
          break;  // the end of the file
        }
      }
      if (buf.position() > maxBytes) {
        throw new IOException(resolve(name) + ": larger than " + maxBytes + " bytes");
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      return out;
    }
  }

  /**
   * Replaces {@code name} with {@code bytes} durably: a new temporary file, synced, renamed over
   * it, the directory synced. A link at {@code name} is replaced, never followed.
   */
  public void writeAtomically(String name, byte[] bytes, int mode) throws IOException {
    String tmp = "." + checkedName(name) + ".tmp";
    deleteIfExists(tmp);
    int file = openFile(tmp, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL, mode);
    try (FileChannel out = Descriptors.channel(file, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      out.force(true);
    } finally {
      LibC.close(file);
    }
    rename(tmp, this, name);
    sync();
  }

  /** Renames {@code from} here to {@code to} in {@code target}, replacing it (links included). */
  public void rename(String from, SafeDirectory target, String to) throws IOException {
    try {
      LibC.renameat(fd, LibC.cPath(checkedName(from)), target.fd, LibC.cPath(checkedName(to)));
    } catch (LastErrorException e) {
      throw Descriptors.failure(resolve(from), e);
    }
  }

  /** Removes the file or link {@code name}; false when there was none. */
  public boolean deleteIfExists(String name) throws IOException {
    try {
      LibC.unlinkat(fd, LibC.cPath(checkedName(name)), 0);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ENOENT) {
        return false;
      }
      throw Descriptors.failure(resolve(name), e);
    }
  }

  /** {@code lstat} of {@code name}: empty when it does not exist; a link is described, not followed. */
  public Optional<FileStat> stat(String name) throws IOException {
    try {
      return Optional.of(FileStat.of(procPath().resolve(checkedName(name)),
          LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** {@code fstat} of this directory. */
  public FileStat stat() throws IOException {
    return FileStat.of(procPath());
  }

  /** Gives this directory to {@code uid:gid} ({@code fchown(2)} on its descriptor). */
  public void chown(int uid, int gid) throws IOException {
    try {
      LibC.fchown(fd, uid, gid);
    } catch (LastErrorException e) {
      throw Descriptors.failure(path, e);
    }
  }

  /** {@code fsync} of the directory: makes the names created or renamed in it durable. */
  public void sync() throws IOException {
    try {
      LibC.fsync(fd);
    } catch (LastErrorException e) {
      throw Descriptors.failure(path, e);
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      int closing = fd;
      fd = -1;
      LibC.close(closing);
    }
  }

  private Path resolve(String name) {
    return path.resolve(name);
  }

  private String checkedName(String name) throws UnsafePathException {
    if (name.equals("..")) {
      throw new UnsafePathException(path.resolve(name), "a '..' component (not followed)");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new UnsafePathException(path.resolve(name.isEmpty() ? "\"\"" : name),
          "not a single file name");
    }
    return name;
  }

  private void ensureOpen() {
    if (fd < 0) {
      throw new IllegalStateException(path + ": directory closed");
    }
  }
}
