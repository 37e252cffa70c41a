package dev.thermos.bench;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The records of one simulated task, exactly {@code count} of them, in an order that replays:
 * ACTIVE, the header, then the runs of {@link TaskRecords#PROCESS_NAMES} interleaved at random,
 * then CLEANING, FINALIZING, SUCCESS. Deterministic for a given seed.
 */
final class RecordStream implements Iterator<RunnerCkpt> {
  /** ACTIVE and the header before the processes; CLEANING, FINALIZING, SUCCESS after them. */
  static final int TASK_RECORDS = 5;
  /** Largest step of the clock between two records, in seconds. */
  private static final double MAX_STEP_SECONDS = 0.25;

  private final long count;
  private final SplittableRandom random;
  private final SimClock clock;
  private final SimulatedProcess[] processes;
  private long emitted;
  /** Process records not yet promised to a started run. */
  private long unassigned;

  RecordStream(long count, long seed) {
    if (count < TASK_RECORDS) {
      throw new IllegalArgumentException("need at least " + TASK_RECORDS + " records, got " + count);
    }
    this.count = count;
    this.random = new SplittableRandom(seed);
    this.clock = new SimClock(random);
    this.unassigned = count - TASK_RECORDS;
    PidAllocator pids = new PidAllocator(random, 12_000);
    List<String> names = TaskRecords.PROCESS_NAMES;
    this.processes = new SimulatedProcess[names.size()];
    for (int i = 0; i < processes.length; i++) {
      processes[i] = new SimulatedProcess(names.get(i), clock, pids, random);
    }
  }

  @Override
  public boolean hasNext() {
    return emitted < count;
  }

  @Override
  public RunnerCkpt next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long index = emitted++;
    clock.advance(MAX_STEP_SECONDS);
    if (index == 0) {
      return TaskRecords.status(TaskState.ACTIVE, clock);
    }
    if (index == 1) {
      return TaskRecords.header(clock);
    }
    long fromEnd = count - index;
    if (fromEnd <= 3) {
      return TaskRecords.status(epilogue((int) fromEnd), clock);
    }
    return nextProcessRecord();
  }

  private static TaskState epilogue(int fromEnd) {
    return switch (fromEnd) {
      case 3 -> TaskState.CLEANING;
      case 2 -> TaskState.FINALIZING;
      default -> TaskState.SUCCESS;
    };
  }

  /** A record of a random process that can move: one in a run, or an idle one that starts a run. */
  private RunnerCkpt nextProcessRecord() {
    int first = random.nextInt(processes.length);
    for (int k = 0; k < processes.length; k++) {
      SimulatedProcess p = processes[(first + k) % processes.length];
      if (!p.idle()) {
        return p.next();
      }
      if (unassigned > 0) {
        RunShape shape = RunShape.fitting(unassigned);
        unassigned -= shape.records;
        p.startRun(shape);
        return p.next();
      }
    }
    throw new IllegalStateException("no process can move at record " + emitted);
  }
}
