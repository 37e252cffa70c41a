package dev.thermos.runner;

import dev.thermos.format.CheckpointWriteException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the runner waits for its checkpoint to be writable again. An append that failed for a
 * condition of the disk (full, over quota, read-only, I/O error: see
 * {@link CheckpointWriteException#isDiskCondition()}) is tried again after 100 ms, then after
 * twice as long each time, at most every 5 s, for as long as it takes. What is wrong is said once
 * per episode (and that it is over, once it is). Any other failure is thrown at once.
 *
 * <p>Nothing acts on a record before it is durable (write-ahead), so while an append waits here
 * nothing can be launched or signalled anyway: the loop's events queue up and are handled once the
 * records are on disk.
 */
final class WriteRetry {
  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofSeconds(5);

  /** One try at the write. */
  interface Attempt {
    void run() throws IOException;
  }

  /** Waits between tries; injected so that tests need no real time. */
  interface Sleeper {
    void sleep(Duration delay) throws InterruptedIOException;
  }

  private final Sleeper sleeper;
  private final Consumer<String> warn;

  WriteRetry(Sleeper sleeper, Consumer<String> warn) {
    this.sleeper = sleeper;
    this.warn = warn;
  }

  /** A retry that really sleeps and warns on stderr as {@code thermos run}. */
  static WriteRetry onStderr() {
    return new WriteRetry(WriteRetry::sleep, line -> {
      System.err.println("thermos run: " + line);
      System.err.flush();
    });
  }

  /** Runs {@code attempt} until it succeeds; see the class comment. */
  void untilWritten(Attempt attempt) throws IOException {
    Duration delay = FIRST_DELAY;
    CheckpointWriteException said = null;
    while (true) {
      try {
        attempt.run();
        if (said != null) {
          warn.accept(said.path() + ": written again, going on");
        }
        return;
      } catch (CheckpointWriteException e) {
        if (!e.isDiskCondition()) {
          throw e;
        }
        if (said == null) {
          warn.accept("cannot write " + e.getMessage()
              + "; launching nothing new, retrying until it can be written");
          said = e;
        }
      }
      sleeper.sleep(delay);
      delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }
  }

  private static void sleep(Duration delay) throws InterruptedIOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the checkpoint to be writable");
    }
  }
}
