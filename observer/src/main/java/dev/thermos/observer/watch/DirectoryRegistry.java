package dev.thermos.observer.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directories registered with the one {@link WatchService}: which key is which directory.
 * Only the watcher's thread changes it.
 */
final class DirectoryRegistry {
  private static final System.Logger LOG = System.getLogger(DirectoryRegistry.class.getName());

  private final WatchService service;
  private final Map<WatchKey, WatchedDirectory> byKey = new ConcurrentHashMap<>();
  private final Map<Path, WatchKey> byPath = new ConcurrentHashMap<>();

  DirectoryRegistry(WatchService service) {
    this.service = service;
  }

  /**
   * Registers {@code dir} unless it already is; false when it is not there or not a directory
   * (below a root, a link is not followed: a task's checkpoint directory that is a link is not
   * watched).
   */
  boolean register(WatchedDirectory dir) {
    if (byPath.containsKey(dir.dir())) {
      return true;
    }
    boolean operators = dir.kind() == WatchedDirectory.Kind.ROOT;
    if (!operators && !Files.isDirectory(dir.dir(), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      WatchKey key = dir.dir().register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      byKey.put(key, dir);
      byPath.put(dir.dir(), key);
      return true;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot watch " + dir.dir() + ": " + e.getMessage());
      return false;
    }
  }

  /** The registered directory {@code dir}, or null. */
  WatchedDirectory get(Path dir) {
    WatchKey key = byPath.get(dir);
    return key == null ? null : byKey.get(key);
  }

  boolean isRegistered(Path dir) {
    return byPath.containsKey(dir);
  }

  WatchedDirectory of(WatchKey key) {
    return byKey.get(key);
  }

  /** Forgets a key that is no longer valid (its directory went away). */
  void forget(WatchKey key) {
    WatchedDirectory dir = byKey.remove(key);
    if (dir != null) {
      byPath.remove(dir.dir(), key);
    }
  }

  int size() {
    return byKey.size();
  }
}
