package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.TaskState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §11.2 scenario 21 (Aurora's TestConcurrencyBasic): max_concurrency. */
class ConcurrencyIT {
  @TempDir Path root;

  @Test
  void concurrencyOneRunsProcessesOneAfterTheOther() throws Exception {
    TaskResult r = new TaskHarness(root, "serial").run(task(3, 1));
    r.assertEnded(TaskState.SUCCESS);
    List<ProcessStatus> runs = sortedRuns(r, 3);
    for (int i = 1; i < runs.size(); i++) {
      assertTrue(runs.get(i - 1).getStopTime() <= runs.get(i).getForkTime(),
          runs.get(i).getProcess() + " forked before " + runs.get(i - 1).getProcess() + " ended");
      assertTrue(runs.get(i).getStartTime() - runs.get(i - 1).getStartTime() > 0.3);
    }
  }

  @Test
  void concurrencyTwoNeverHasMoreThanTwoRunsAlive() throws Exception {
    TaskResult r = new TaskHarness(root, "pairs").run(task(5, 2));
    r.assertEnded(TaskState.SUCCESS);
    List<ProcessStatus> runs = sortedRuns(r, 5);
    int most = 0;
    for (ProcessStatus run : runs) {
      double t = run.getForkTime();
      int alive = (int) runs.stream()
          .filter(o -> o.getForkTime() <= t && t < o.getStopTime()).count();
      most = Math.max(most, alive);
    }
    assertEquals(2, most, "the most runs alive at once");
  }

  private static String task(int processes, int concurrency) {
    List<String> ps = new ArrayList<>();
    for (int i = 1; i <= processes; i++) {
      ps.add("{\"name\": \"process" + i + "\", \"cmdline\": \"sleep 0.3\"}");
    }
    return "{\"name\": \"c\", \"max_concurrency\": " + concurrency + ", \"processes\": ["
        + String.join(", ", ps) + "]}";
  }

  private static List<ProcessStatus> sortedRuns(TaskResult r, int processes) {
    List<ProcessStatus> runs = new ArrayList<>();
    for (int i = 1; i <= processes; i++) {
      List<ProcessStatus> of = r.runs("process" + i);
      assertEquals(1, of.size(), r.processSequence("process" + i));
      assertEquals(ProcessState.SUCCESS, of.get(0).getState());
      runs.add(of.get(0));
    }
    runs.sort(Comparator.comparingDouble(ProcessStatus::getForkTime));
    return runs;
  }
}
