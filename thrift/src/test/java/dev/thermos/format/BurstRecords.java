package dev.thermos.format;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The records a bursting {@link WriterChild} appends after its header: group {@code i} of a seed is
 * always the same, so a test can tell whether what a killed writer left is a prefix of them. Some
 * records carry names of up to 2 MiB, so that one append spans many pages and a SIGKILL can land
 * inside its write.
 */
final class BurstRecords {
  private static final int LARGE_NAME_CHARS = 2 << 20;

  private final long seed;

  BurstRecords(long seed) {
    this.seed = seed;
  }

  /** The records of append number {@code i}, written with one write and one sync. */
  List<RunnerCkpt> group(int i) {
    Random random = new Random(seed * 1_000_003L + i);
    String name = "p" + i + "-" + "x".repeat(random.nextInt(4) == 0
        ? random.nextInt(LARGE_NAME_CHARS) : random.nextInt(64));
    if (random.nextBoolean()) {
      return List.of(Records.waiting(name, 0));
    }
    return List.of(Records.waiting(name, 0), Records.forked(name, 1, 1.0, i),
        Records.running(name, 2, 2.0, i), Records.ended(name, 3, ProcessState.SUCCESS, 3.0, 0));
  }

  /** The first {@code count} records of all groups in order. */
  List<RunnerCkpt> first(long count) {
    List<RunnerCkpt> records = new ArrayList<>();
    for (int i = 0; records.size() < count; i++) {
      records.addAll(group(i));
    }
    return records.subList(0, (int) count);
  }

  /** The record following the first {@code count}. */
  RunnerCkpt after(long count) {
    return first(count + 1).get((int) count);
  }
}
