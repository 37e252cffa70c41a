package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CLibraryTest {
  @Test
  void theMappedCLibraryIsFoundByItsFileName() {
    List<String> maps = List.of(
        "7f0000000000-7f0000001000 r--p 00000000 fe:01 1 /usr/lib/x86_64-linux-gnu/libcrypt.so.1",
        "7f0000001000-7f0000002000 r-xp 00000000 fe:01 2 /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 [heap]");
    assertEquals(Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6"), CLibrary.mappedLibc(maps));
  }

  @Test
  void anOlderGlibcsVersionedFileNameIsFoundToo() {
    assertEquals(Path.of("/lib64/libc-2.17.so"), CLibrary.mappedLibc(List.of(
        "7f0000001000-7f0000002000 r-xp 00000000 fe:01 2 /lib64/libc-2.17.so")));
  }

  @Test
  void noCLibraryOrADeletedOneIsNull() {
    assertNull(CLibrary.mappedLibc(List.of(
        "7f0000001000-7f0000002000 r-xp 00000000 fe:01 2 /usr/lib/libcap.so.2",
        "7f0000001000-7f0000002000 r-xp 00000000 fe:01 2 /usr/lib/libc.so.6 (deleted)",
        "7f0000002000-7f0000003000 rw-p 00000000 00:00 0 [stack]")));
  }

  @Test
  void thisJvmsCLibraryIsAnAbsolutePathAndJnaIsToldItsDirectory() {
    String name = CLibrary.name();
    assertEquals(true, Path.of(name).isAbsolute(), name);
    assertEquals(Path.of(name).getParent().toString(), System.getProperty(CLibrary.PLATFORM_PATH));
  }
}
