package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SafeDirectoryTest {
  @TempDir Path tmp;
  private Path trusted;
  private Path outside;
  private Path secret;

  @BeforeEach
  void setUp() throws IOException {
    trusted = Files.createDirectory(tmp.resolve("root"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    secret = Files.writeString(outside.resolve("secret"), "do not touch\n");
  }

  @Test
  void walkCreatesEachComponentBelowTheTrustedDirectory() throws IOException {
    try (SafeDirectory d = SafeDirectory.open(trusted, Path.of("a/b/c"), true)) {
      d.writeAtomically("f", bytes("x"), 0644);
    }
    assertEquals("x", Files.readString(trusted.resolve("a/b/c/f")));
  }

  @Test
  void theTrustedDirectoryItselfMayBeALink() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("root-link"), trusted);
    try (SafeDirectory d = SafeDirectory.open(link, Path.of("sub"), true)) {
      assertTrue(d.stat().isDirectory());
    }
    assertTrue(Files.isDirectory(trusted.resolve("sub")));
  }

  @Test
  void aLinkedDirectoryBelowTheTrustedOneIsRefusedAndNothingIsMadeInItsTarget() throws IOException {
    Files.createSymbolicLink(trusted.resolve("sandbox"), outside);
    UnsafePathException e = assertThrows(UnsafePathException.class,
        () -> SafeDirectory.open(trusted, Path.of("sandbox/.logs/p/0"), true));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertEquals(trusted.resolve("sandbox"), e.path());
    assertFalse(Files.exists(outside.resolve(".logs")));
  }

  @Test
  void aLinkDeeperInTheWalkIsRefusedToo() throws IOException {
    Files.createDirectories(trusted.resolve("a"));
    Files.createSymbolicLink(trusted.resolve("a/b"), outside);
    assertThrows(UnsafePathException.class, () -> SafeDirectory.open(trusted, Path.of("a/b/c"),
        true));
    assertFalse(Files.exists(outside.resolve("c")));
  }

  @Test
  void dotDotAndAbsolutePathsAreRefused() throws IOException {
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertThrows(UnsafePathException.class, () -> d.walk(Path.of("../outside"), false));
      assertThrows(UnsafePathException.class, () -> d.walk(outside, false));
      assertThrows(UnsafePathException.class, () -> d.openRead(".."));
      assertThrows(UnsafePathException.class, () -> d.openRead("a/b"));
      assertThrows(UnsafePathException.class, () -> d.openRead(""));
    }
  }

  @Test
  void aLinkedFileIsNeitherReadNorWrittenNorTruncated() throws IOException {
    Files.createSymbolicLink(trusted.resolve("stdout"), secret);
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertThrows(UnsafePathException.class, () -> d.openRead("stdout"));
      assertThrows(UnsafePathException.class, () -> d.openFile("stdout",
          LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC, 0644));
      assertThrows(UnsafePathException.class, () -> d.openFile("stdout",
          LibC.O_WRONLY | LibC.O_APPEND, 0));
      assertThrows(UnsafePathException.class, () -> d.readAll("stdout", 100));
    }
    assertEquals("do not touch\n", Files.readString(secret));
  }

  @Test
  void aDanglingLinkIsNotCreatedThrough() throws IOException {
    Path target = outside.resolve("created");
    Files.createSymbolicLink(trusted.resolve("runner"), target);
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertThrows(UnsafePathException.class, () -> d.openFile("runner",
          LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND, 0644));
    }
    assertFalse(Files.exists(target));
  }

  @Test
  void writeAtomicallyReplacesALinkAndLeavesItsTarget() throws IOException {
    Files.createSymbolicLink(trusted.resolve("runner.stop"), secret);
    Files.createSymbolicLink(trusted.resolve(".runner.stop.tmp"), secret);
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      d.writeAtomically("runner.stop", bytes("KILLED now\n"), 0644);
      assertArrayEquals(bytes("KILLED now\n"), d.readAll("runner.stop", 100));
    }
    assertFalse(Files.isSymbolicLink(trusted.resolve("runner.stop")));
    assertEquals("do not touch\n", Files.readString(secret));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoIsRefusedWithoutBlockingForReadingAndWriting() throws IOException {
    LibC.mkfifo(LibC.cPath(trusted.resolve("runner").toString()), 0644);
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      UnsafePathException read = assertThrows(UnsafePathException.class, () -> d.openRead("runner"));
      assertTrue(read.getMessage().contains("FIFO"), read.getMessage());
      assertThrows(UnsafePathException.class, () -> d.openFile("runner",
          LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND, 0644));
    }
  }

  @Test
  void aDirectoryIsNotAFile() throws IOException {
    Files.createDirectory(trusted.resolve("runner"));
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      UnsafePathException e = assertThrows(UnsafePathException.class, () -> d.openRead("runner"));
      assertTrue(e.getMessage().endsWith("a directory, not a regular file"), e.getMessage());
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() throws IOException {
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertThrows(NoSuchFileException.class, () -> d.openRead("runner"));
      assertThrows(NoSuchFileException.class, () -> d.directory("x", false));
      assertTrue(d.stat("runner").isEmpty());
    }
    assertThrows(NoSuchFileException.class, () -> SafeDirectory.open(tmp.resolve("none")));
  }

  @Test
  void statDescribesALinkItself() throws IOException {
    Files.createSymbolicLink(trusted.resolve("l"), secret);
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertTrue(d.stat("l").orElseThrow().isSymbolicLink());
    }
  }

  @Test
  void aChannelReadsTheInodeOpenedEvenAfterTheNameIsSwapped() throws IOException {
    Files.writeString(trusted.resolve("log"), "mine\n");
    try (SafeDirectory d = SafeDirectory.open(trusted);
        FileChannel in = d.openRead("log")) {
      Files.delete(trusted.resolve("log"));
      Files.createSymbolicLink(trusted.resolve("log"), secret);
      ByteBuffer buf = ByteBuffer.allocate(100);
      in.read(buf);
      assertEquals("mine\n", new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void readAllRefusesMoreThanTheLimit() throws IOException {
    Files.writeString(trusted.resolve("big"), "0123456789");
    try (SafeDirectory d = SafeDirectory.open(trusted)) {
      assertArrayEquals(bytes("0123456789"), d.readAll("big", 10));
      assertThrows(IOException.class, () -> d.readAll("big", 9));
    }
  }

  @Test
  void readAllReadsPastTheSizeAFileClaims() throws IOException {
    // /proc files say they are empty: the buffer, sized by the file, has to grow as it reads.
    Path proc = Path.of("/proc", Long.toString(ProcessHandle.current().pid()));
    byte[] expected = Files.readAllBytes(proc.resolve("cmdline"));
    try (SafeDirectory d = SafeDirectory.open(proc)) {
      assertArrayEquals(expected, d.readAll("cmdline", expected.length));
      assertThrows(IOException.class, () -> d.readAll("cmdline", expected.length - 1));
    }
  }

  @Test
  void renameAndDeleteActOnNamesNotOnLinkTargets() throws IOException {
    Files.createDirectories(trusted.resolve("active"));
    Files.createDirectories(trusted.resolve("finished"));
    Files.writeString(trusted.resolve("active/t"), "{}");
    Files.createSymbolicLink(trusted.resolve("finished/t"), secret);
    try (SafeDirectory active = SafeDirectory.open(trusted.resolve("active"));
        SafeDirectory finished = SafeDirectory.open(trusted.resolve("finished"))) {
      active.rename("t", finished, "t");
      assertTrue(finished.deleteIfExists("t"));
      assertFalse(finished.deleteIfExists("t"));
    }
    assertEquals("do not touch\n", Files.readString(secret));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
