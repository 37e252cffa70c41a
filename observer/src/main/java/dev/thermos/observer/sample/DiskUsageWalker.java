package dev.thermos.observer.sample;

import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Measures the disk use of one sandbox a piece at a time: the sum of the sizes of its regular files
 * (apparent sizes), walked directory by directory, each opened below the sandbox without following
 * links ({@link SafeDirectory}) and never crossing into another file system. A walk that runs out
 * of its time budget keeps its place (the directories still to list) and carries on at the next
 * call. Symbolic links, devices and FIFOs are not counted and never followed.
 */
final class DiskUsageWalker {
  private final Path sandbox;
  private final Deque<Path> pending = new ArrayDeque<>();
  private long device = -1;
  private long bytes;

  DiskUsageWalker(Path sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * Walks until done or {@code nanoTime} passes {@code deadlineNanos}.
   *
   * @return the sandbox's bytes when this call finished a walk (the next call starts another),
   *     empty when there is more to walk
   * @throws IOException when the sandbox itself cannot be opened (gone, or a link)
   */
  OptionalLong step(LongSupplier nanoTime, long deadlineNanos) throws IOException {
    if (device == -1) {
      try (SafeDirectory top = SafeDirectory.openLeaf(sandbox, false)) {
        device = top.stat().device();
      }
      pending.push(Path.of(""));
      bytes = 0;
    }
    try (SafeDirectory top = SafeDirectory.openLeaf(sandbox, false)) {
      while (!pending.isEmpty()) {
        if (nanoTime.getAsLong() - deadlineNanos > 0) {
          return OptionalLong.empty();
        }
        list(top, pending.pop());
      }
    }
    device = -1;
    return OptionalLong.of(bytes);
  }

  private void list(SafeDirectory top, Path relative) {
    try (SafeDirectory dir = top.walk(relative, false);
        DirectoryStream<Path> entries = Files.newDirectoryStream(dir.procPath())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        FileStat stat = FileStat.of(entry, LinkOption.NOFOLLOW_LINKS);
        if (stat.isRegularFile()) {
          bytes += stat.sizeBytes();
        } else if (stat.isDirectory() && stat.device() == device) {
          pending.push(relative.resolve(name));
        }
      }
    } catch (IOException | RuntimeException e) {
      // replaced by a link, removed or unreadable meanwhile: not counted
    }
  }
}
