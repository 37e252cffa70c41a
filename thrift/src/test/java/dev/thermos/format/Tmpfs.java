package dev.thermos.format;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small tmpfs mounted for a test (root only). Where mounting is not allowed the test is skipped
 * through a JUnit assumption that says why. Shared with the other modules through the test jar.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path mountPoint;

  private Tmpfs(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts a tmpfs of {@code sizeBytes} on {@code mountPoint} (created if needed). */
  public static Tmpfs mount(Path mountPoint, long sizeBytes) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    String why = run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs",
        mountPoint.toString());
    assumeTrue(why == null, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + why);
    return new Tmpfs(mountPoint);
  }

  /** Makes the file system read-only (no file may be open for writing). */
  public void remountReadOnly() throws IOException, InterruptedException {
    String why = run("mount", "-o", "remount,ro", mountPoint.toString());
    if (why != null) {
      throw new IOException("cannot remount " + mountPoint + " read-only: " + why);
    }
  }

  /** Writes {@code file} (on this file system) until the disk is full; returns it. */
  public Path fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
    return file;
  }

  /** Unmounts (lazily: a process that still works there does not keep it mounted). */
  @Override
  public void close() throws IOException, InterruptedException {
    String why = run("umount", "-l", mountPoint.toString());
    if (why != null) {
      throw new IOException("cannot unmount " + mountPoint + ": " + why);
    }
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }
}
