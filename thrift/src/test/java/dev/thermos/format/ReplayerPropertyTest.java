package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid histories of several processes, interleaved at random, replay to the runs a simple
 * model predicts; dropping any one process record makes the stream invalid.
 */
class ReplayerPropertyTest {
  /** What the model expects of one run. */
  private record ExpectedRun(ProcessState state, long lastSeq, Integer returnCode) {}

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomValidHistoriesReplayToTheModel(long seed) throws ReplayException {
    Random random = new Random(seed);
    Map<String, List<ExpectedRun>> model = new HashMap<>();
    List<RunnerCkpt> stream = interleave(random, histories(random, model));

    Replayer replayer = new Replayer();
    for (RunnerCkpt r : stream) {
      replayer.apply(r);
    }
    Map<String, List<ProcessStatus>> runs = replayer.state().getProcesses();
    assertEquals(model.keySet(), runs.keySet());
    model.forEach((name, expected) -> {
      List<ProcessStatus> actual = runs.get(name);
      assertEquals(expected.size(), actual.size(), name);
      for (int i = 0; i < expected.size(); i++) {
        ExpectedRun e = expected.get(i);
        ProcessStatus a = actual.get(i);
        assertEquals(e.state(), a.getState(), name + " run " + i);
        assertEquals(e.lastSeq(), a.getSeq(), name + " run " + i);
        assertEquals(e.returnCode(), a.isSetReturnCode() ? a.getReturnCode() : null);
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void droppingAProcessRecordIsRefused(long seed) {
    Random random = new Random(seed);
    List<RunnerCkpt> stream = interleave(random, histories(random, new HashMap<>()));
    // Dropping a process's last record leaves a valid, shorter history: drop one that has a
    // successor of its process (every process has at least two records, so one always exists).
    List<Integer> followed = recordsFollowedByTheirProcess(stream);
    int victim = followed.get(random.nextInt(followed.size()));
    stream.remove(victim);
    Replayer replayer = new Replayer();
    assertThrows(ReplayException.class, () -> {
      for (RunnerCkpt r : stream) {
        replayer.apply(r);
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void droppingAProcesssLastRecordReplaysToTheShorterHistory(long seed) throws ReplayException {
    Random random = new Random(seed);
    List<RunnerCkpt> stream = interleave(random, histories(random, new HashMap<>()));
    String process = stream.get(random.nextInt(stream.size())).getProcessStatus().getProcess();
    int last = lastIndexOf(stream, process);
    RunnerCkpt dropped = stream.remove(last);
    Replayer replayer = new Replayer();
    for (RunnerCkpt r : stream) {
      replayer.apply(r);
    }
    List<ProcessStatus> runs = replayer.state().getProcesses().get(process);
    ProcessStatus lastRun = runs.get(runs.size() - 1);
    assertEquals(dropped.getProcessStatus().getSeq() - 1, lastRun.getSeq(), process);
  }

  /** Indexes of the records that another record of the same process follows. */
  private static List<Integer> recordsFollowedByTheirProcess(List<RunnerCkpt> stream) {
    List<Integer> followed = new ArrayList<>();
    for (int i = 0; i < stream.size(); i++) {
      String process = stream.get(i).getProcessStatus().getProcess();
      if (lastIndexOf(stream, process) > i) {
        followed.add(i);
      }
    }
    return followed;
  }

  private static int lastIndexOf(List<RunnerCkpt> stream, String process) {
    for (int i = stream.size() - 1; i >= 0; i--) {
      if (stream.get(i).getProcessStatus().getProcess().equals(process)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no record of " + process);
  }

  private static List<List<RunnerCkpt>> histories(
      Random random, Map<String, List<ExpectedRun>> model) {
    List<List<RunnerCkpt>> histories = new ArrayList<>();
    int processes = 1 + random.nextInt(5);
    for (int p = 0; p < processes; p++) {
      String name = "proc" + p;
      List<ExpectedRun> expected = new ArrayList<>();
      histories.add(history(random, name, expected));
      model.put(name, expected);
    }
    return histories;
  }

  /** One process: 1-6 runs, each ending in any way the state machine allows. */
  private static List<RunnerCkpt> history(Random random, String name, List<ExpectedRun> expected) {
    List<RunnerCkpt> records = new ArrayList<>();
    long seq = 0;
    int runs = 1 + random.nextInt(6);
    for (int run = 0; run < runs; run++) {
      records.add(Records.waiting(name, seq++));
      int shape = random.nextInt(7);
      if (shape == 0) {
        records.add(Records.launchFailed(name, seq));
        expected.add(new ExpectedRun(ProcessState.FAILED, seq++, null));
        continue;
      }
      records.add(Records.forked(name, seq++, 1.0 + run, 1000 + run));
      if (shape == 1) {
        records.add(Records.lost(name, seq));
        expected.add(new ExpectedRun(ProcessState.LOST, seq++, null));
        continue;
      }
      if (shape == 2) {
        records.add(Records.ended(name, seq, ProcessState.KILLED, 2.0, -9));
        expected.add(new ExpectedRun(ProcessState.KILLED, seq++, -9));
        continue;
      }
      records.add(Records.running(name, seq++, 1.5 + run, 2000 + run));
      ProcessState end = switch (shape) {
        case 3 -> ProcessState.SUCCESS;
        case 4 -> ProcessState.FAILED;
        case 5 -> ProcessState.KILLED;
        default -> ProcessState.LOST;
      };
      if (end == ProcessState.LOST) {
        records.add(Records.lost(name, seq));
        expected.add(new ExpectedRun(end, seq++, null));
      } else {
        int rc = end == ProcessState.SUCCESS ? 0 : end == ProcessState.FAILED ? 1 + run : -15;
        records.add(Records.ended(name, seq, end, 3.0 + run, rc));
        expected.add(new ExpectedRun(end, seq++, rc));
      }
    }
    return records;
  }

  /** Merges histories at random, keeping each one's own order. */
  private static List<RunnerCkpt> interleave(Random random, List<List<RunnerCkpt>> histories) {
    List<RunnerCkpt> out = new ArrayList<>();
    int[] next = new int[histories.size()];
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      open.add(i);
    }
    while (!open.isEmpty()) {
      int pick = random.nextInt(open.size());
      int h = open.get(pick);
      out.add(histories.get(h).get(next[h]++));
      if (next[h] == histories.get(h).size()) {
        open.remove(pick);
      }
    }
    return out;
  }
}
