package dev.thermos.format;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while running some code, as HotSpot counts them: every
 * allocation is counted, whether or not a collection frees it before anyone looks at the heap.
 */
final class ThreadAllocation {
  /** Code that may throw anything; {@link #bytesDuring} rethrows it. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private ThreadAllocation() {}

  /** The bytes this thread allocated while {@code action} ran. */
  static long bytesDuring(Action action) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread");
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    action.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
