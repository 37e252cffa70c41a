package dev.thermos.observer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.posix.LibC;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a sandbox directory: what is listed, and every way out that is refused. */
class SandboxListingTest {
  @TempDir Path dir;
  private Path sandbox;
  private Path outside;

  @BeforeEach
  void layout() throws IOException {
    sandbox = Files.createDirectories(dir.resolve("sandboxes/t1"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "top secret");
    Files.writeString(sandbox.resolve("hello.txt"), "hello");
    Files.createDirectories(sandbox.resolve(".logs/echo/0"));
    Files.writeString(sandbox.resolve(".logs/echo/0/stdout"), "out\n");
    Files.createSymbolicLink(sandbox.resolve("escape"), outside);
    Files.createSymbolicLink(sandbox.resolve("secret-link"), outside.resolve("secret"));
    LibC.mkfifo(LibC.cPath(sandbox.resolve("pipe").toString()), 0644);
  }

  private static List<String> describe(SandboxListing.Listing listing) {
    return listing.entries().stream().map(e -> e.name() + " " + e.type()).toList();
  }

  @Test
  void listsTheSandboxByNameWithLinksAndFifosDescribedNotFollowed() throws IOException {
    SandboxListing.Listing top = SandboxListing.list(sandbox, "");
    assertEquals(List.of(".logs directory", "escape link", "hello.txt file", "pipe other",
        "secret-link link"), describe(top));
    assertEquals("", top.path());
    assertFalse(top.truncated());
    assertEquals(5, top.entries().get(2).sizeBytes());
  }

  @Test
  void listsASubdirectoryByItsRelativePath() throws IOException {
    SandboxListing.Listing run = SandboxListing.list(sandbox, ".logs/echo/./0/");
    assertEquals(List.of("stdout file"), describe(run));
    assertEquals(".logs/echo/0", run.path());
  }

  @Test
  void refusesDotDotAbsolutePathsAndLinks() {
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(sandbox, ".."));
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(sandbox, ".logs/../../../outside"));
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(sandbox, outside.toString()));
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(sandbox, "escape"));
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(sandbox, "a\0b"));
  }

  @Test
  void refusesASandboxThatIsItselfALink() throws IOException {
    Path linked = Files.createSymbolicLink(dir.resolve("sandboxes/t2"), outside);
    assertThrows(UnsafePathException.class, () -> SandboxListing.list(linked, ""));
  }

  @Test
  void aFileOrAFifoIsNotADirectoryAndAMissingOneIsMissing() {
    assertThrows(IOException.class, () -> SandboxListing.list(sandbox, "hello.txt"));
    assertThrows(IOException.class, () -> SandboxListing.list(sandbox, "pipe"));
    assertThrows(NoSuchFileException.class, () -> SandboxListing.list(sandbox, "none"));
    assertThrows(NoSuchFileException.class, () -> SandboxListing.list(dir.resolve("none"), ""));
  }
}
