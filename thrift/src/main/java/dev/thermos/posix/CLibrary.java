package dev.thermos.posix;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C library for JNA's direct mappings ({@code Native.register}): the very file this JVM has
 * mapped already, by its absolute path.
 *
 * <p>Why not just {@code "libc.so.6"}: the first use of JNA's {@code NativeLibrary} on Linux runs
 * {@code /sbin/ldconfig -p} (a process start and the parse of its output, milliseconds of every
 * {@code thermos} command's start-up) to learn the system's library directories, unless the
 * property {@code jna.platform.library.path} is set. It is set here, before any registration, to
 * the mapped library's directory; a value the user set is kept. Where {@code /proc/self/maps}
 * names no C library, JNA finds {@link Platform#C_LIBRARY_NAME} its usual way.
 */
public final class CLibrary {
  static final String PLATFORM_PATH = "jna.platform.library.path";
  private static final String NAME = locate();

  private CLibrary() {}

  /** What to pass to {@code Native.register}: the mapped C library's path, or its usual name. */
  public static String name() {
    return NAME;
  }

  private static String locate() {
    List<String> maps;
    try {
      maps = Files.readAllLines(Path.of("/proc/self/maps"));
    } catch (IOException | RuntimeException e) {
      return Platform.C_LIBRARY_NAME;
    }
    Path mapped = mappedLibc(maps);
    if (mapped == null) {
      return Platform.C_LIBRARY_NAME;
    }
    if (System.getProperty(PLATFORM_PATH) == null) {
      System.setProperty(PLATFORM_PATH, mapped.getParent().toString());
    }
    return mapped.toString();
  }

  /**
   * The C library among the mappings ({@code /proc/<pid>/maps} lines): an absolute path whose
   * file name is {@code libc.so.6} or {@code libc-<version>.so}; null when there is none.
   */
  static Path mappedLibc(List<String> maps) {
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash < 0 || line.endsWith(" (deleted)")) {
        continue;
      }
      Path path = Path.of(line.substring(slash));
      String name = path.getFileName().toString();
      if (name.equals("libc.so.6") || name.startsWith("libc-") && name.endsWith(".so")) {
        return path;
      }
    }
    return null;
  }
}
