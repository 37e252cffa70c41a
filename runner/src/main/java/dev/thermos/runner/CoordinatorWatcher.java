package dev.thermos.runner;

import com.sun.jna.LastErrorException;
import dev.thermos.control.ControlLog;
import dev.thermos.posix.LibC;
import dev.thermos.posix.Readiness;
import dev.thermos.posix.SafeDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns writes to {@code coordinator.<process>} files into events, through an inotify descriptor
 * on the task's checkpoint directory that the run loop waits on itself ({@link EventQueue}): the
 * runner learns of a coordinator's records as soon as they are written, with no polling and no
 * thread in between; writes to {@code control.jsonl} likewise ({@link Event.ControlWritten}). An
 * overflow (too many events) is reported as a change of every process ("*") and of the requests.
 * A file removed from the directory, or the directory itself gone or moved (its watch ended), is
 * reported as {@link Event.CheckpointRemoved}: the loop then checks its own checkpoint.
 *
 * <pre>
 *   struct inotify_event, as read(2) returns them one after another (machine byte order):
 *     offset  0  int  wd
 *     offset  4  int  mask     IN_* bits
 *     offset  8  int  cookie
 *     offset 12  int  len      bytes of name, NUL-padded
 *     offset 16  char name[len]
 * </pre>
 */
final class CoordinatorWatcher implements Closeable {
  static final String ALL = "*";
  private static final String PREFIX = "coordinator.";
  private static final int HEADER_BYTES = 16;
  /** An event with the longest name (NAME_MAX 255, NUL-terminated). */
  private static final int MAX_EVENT_BYTES = HEADER_BYTES + 256;
  private static final long CLOSE_DELAY_MILLIS = 200;
  /**
   * Writes, files moved in, out or deleted, the directory itself gone. Not a file's creation: a
   * coordinator's new file holds no record until its first write (an event of its own), and a run
   * costs one wake-up less.
   */
  private static final int MASK = Readiness.IN_MODIFY | Readiness.IN_MOVED_TO
      | Readiness.IN_DELETE | Readiness.IN_MOVED_FROM | Readiness.IN_DELETE_SELF
      | Readiness.IN_MOVE_SELF | Readiness.IN_ONLYDIR;
  private static final int GONE = Readiness.IN_DELETE | Readiness.IN_MOVED_FROM
      | Readiness.IN_DELETE_SELF | Readiness.IN_MOVE_SELF | Readiness.IN_IGNORED;

  private final int fd;
  private final int watch;
  private final byte[] buffer = new byte[8192];
  private final ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Watches {@code checkpointDirectory}: the directory opened as the runner opens it (its parent
   * the operator's, itself not through a link), watched through that descriptor's
   * {@code /proc/self/fd} name, so that the inode watched is the one opened.
   */
  CoordinatorWatcher(Path checkpointDirectory) throws IOException {
    try {
      fd = Readiness.inotify_init1(Readiness.IN_NONBLOCK | Readiness.IN_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("inotify: " + LibC.strerror(e.getErrorCode()), e);
    }
    try (SafeDirectory dir = SafeDirectory.openLeaf(checkpointDirectory, false)) {
      watch = Readiness.inotify_add_watch(fd, LibC.cPath(dir.procPath().toString()), MASK);
    } catch (LastErrorException e) {
      LibC.close(fd);
      throw new IOException("cannot watch " + checkpointDirectory + ": "
          + LibC.strerror(e.getErrorCode()), e);
    } catch (IOException | RuntimeException e) {
      LibC.close(fd);
      throw e;
    }
  }

  /** The descriptor to wait on; -1 once closing (the loop takes no more events). */
  int descriptor() {
    return closing.get() ? -1 : fd;
  }

  /**
   * Reads the changes there are and tells {@code sink} of each; to be called when poll says the
   * descriptor has some (it never blocks, but finding none costs an exception).
   */
  void readInto(Consumer<Event> sink) throws IOException {
    for (boolean more = true; more && !closing.get(); ) {
      int n;
      try {
        n = (int) LibC.read(fd, buffer, buffer.length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LibC.EAGAIN) {
          return;
        }
        if (e.getErrorCode() == LibC.EINTR) {
          continue;
        }
        throw new IOException("inotify: " + LibC.strerror(e.getErrorCode()), e);
      }
      more = n > buffer.length - MAX_EVENT_BYTES;  // the next may not have fitted
      parse(view, n, sink);
    }
  }

  /** Tells {@code sink} of the events in the first {@code n} bytes of {@code events}. */
  static void parse(ByteBuffer events, int n, Consumer<Event> sink) {
    for (int at = 0; at + HEADER_BYTES <= n; ) {
      int mask = events.getInt(at + 4);
      int length = events.getInt(at + 12);
      report(mask, name(events.array(), at + HEADER_BYTES,
          Math.max(0, Math.min(length, n - at - HEADER_BYTES))), sink);
      at += HEADER_BYTES + Math.max(0, length);
    }
  }

  private static String name(byte[] bytes, int start, int length) {
    int end = start;
    while (end < start + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  private static void report(int mask, String name, Consumer<Event> sink) {
    if ((mask & Readiness.IN_Q_OVERFLOW) != 0) {
      sink.accept(new Event.CoordinatorWrote(ALL));
      sink.accept(new Event.ControlWritten());
    } else if ((mask & GONE) != 0) {
      sink.accept(new Event.CheckpointRemoved());
    } else if (name.startsWith(PREFIX)) {
      sink.accept(new Event.CoordinatorWrote(name.substring(PREFIX.length())));
    } else if (name.equals(ControlLog.NAME)) {
      sink.accept(new Event.ControlWritten());
    }
  }

  /**
   * Removes the watch: the loop takes no more events ({@link #descriptor} is -1 from now on, so
   * the loop never waits on the number once it is closed and maybe reused). The kernel frees the
   * watch a grace period later (8-16 ms measured), on a thread of its own; closing the instance
   * before that waits for it, and a process exiting with the instance open waits for it at its
   * exit (the end of every task, until this was done first). The loop's thread only.
   */
  void unwatch() {
    if (closing.compareAndSet(false, true)) {
      try {
        Readiness.inotify_rm_watch(fd, watch);
      } catch (LastErrorException e) {
        // EINVAL: the kernel removed it already (its directory was deleted)
      }
    }
  }

  /**
   * Closes the instance, its watch removed first: on a daemon thread a moment later, by when the
   * kernel has freed the watch and the close is immediate. A JVM that exits sooner closes it
   * itself (the thread sleeps in Java, which an exit does not wait for).
   */
  @Override
  public void close() {
    unwatch();
    if (closed.compareAndSet(false, true)) {
      Thread t = new Thread(this::closeLater, "thermos-coordinator-watcher-close");
      t.setDaemon(true);
      t.start();
    }
  }

  private void closeLater() {
    try {
      Thread.sleep(CLOSE_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      LibC.close(fd);
    } catch (LastErrorException e) {
      // Closed either way (EINTR leaves it closed on Linux); nothing is watched any more.
    }
  }
}
