package dev.thermos.format;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Path;

/**
 * A separate JVM that writes a checkpoint, for tests that need another process: {@code hold FILE}
 * takes the lock, appends an ACTIVE status with its pid, prints "locked" and sleeps;
 * {@code burst FILE} appends records as fast as it can until killed, printing "writing" once.
 */
public final class WriterChild {
  private WriterChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    try (CheckpointWriter writer = CheckpointWriter.open(file)) {
      writer.append(Records.task(TaskState.ACTIVE, System.currentTimeMillis(), LibC.getpid(), 0));
      if (args[0].equals("hold")) {
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        return;
      }
      System.out.println("writing");
      System.out.flush();
      long seq = 0;
      for (int i = 0; ; i++) {
        String p = "p" + (i % 3);
        if (i % 3 == 0) {
          // Groups of varied size so that kills land inside and between group commits.
          writer.append(java.util.List.of(
              Records.waiting(p + "x" + i, 0), Records.forked(p + "x" + i, 1, 1.0, i),
              Records.running(p + "x" + i, 2, 2.0, i),
              Records.ended(p + "x" + i, 3, ProcessState.SUCCESS, 3.0, 0)));
        } else {
          writer.append(Records.waiting(p + "y" + i, 0));
        }
        seq++;
      }
    }
  }
}
