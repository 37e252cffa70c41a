package dev.thermos.posix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PollSetTest {
  @Test
  void aPipeWithDataIsReadyAndOneWithoutIsNot() throws Exception {
    int[] a = new int[2];
    int[] b = new int[2];
    LibC.pipe2(a, LibC.O_CLOEXEC);
    LibC.pipe2(b, LibC.O_CLOEXEC);
    try {
      PollSet set = new PollSet(3);  // slot 2 stays free: skipped
      set.set(0, a[0]);
      set.set(1, b[0]);
      LibC.write(b[1], new byte[] {1}, 1);
      set.await(-1);  // for ever: only the data ends it
      assertFalse(set.ready(0));
      assertTrue(set.ready(1));
      assertFalse(set.ready(2));
      set.await(0);
      assertTrue(set.ready(1), "still unread");
      LibC.read(b[0], new byte[1], 1);
      set.await(10);
      assertFalse(set.ready(1), "read: nothing left after the timeout");
    } finally {
      for (int fd : new int[] {a[0], a[1], b[0], b[1]}) {
        LibC.close(fd);
      }
    }
  }
}
