package dev.thermos.format;

import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Path;

/**
 * A separate JVM that writes a checkpoint, for tests that need another process: {@code hold FILE}
 * takes the lock, appends an ACTIVE status with its pid, prints "locked" and sleeps;
 * {@code burst FILE SEED} appends the groups of {@link BurstRecords} as fast as it can until
 * killed, printing "writing" once.
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
      BurstRecords burst = new BurstRecords(Long.parseLong(args[2]));
      for (int i = 0; ; i++) {
        writer.append(burst.group(i));
      }
    }
  }
}
