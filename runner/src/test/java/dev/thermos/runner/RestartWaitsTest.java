package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.config.TaskConfigLoader;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartWaitsTest {
  private static ProcessStatus failed(String name, double start, double stop) {
    return new ProcessStatus().setProcess(name).setState(ProcessState.FAILED)
        .setStartTime(start).setStopTime(stop).setReturnCode(1);
  }

  @Test
  void aWaitingProcessWithDependsOnShowsItsBackoffWait() throws Exception {
    var task = TaskConfigLoader.parse("""
        {"name": "t", "processes": [{"name": "db", "cmdline": "x", "daemon": true},
          {"name": "web", "cmdline": "y", "max_failures": 0, "min_duration": 0,
           "depends_on": {"db": "started"}, "restart_backoff": {"initial": 4, "jitter": 0}}]}""",
        "t.json");
    Map<String, Double> waits = RestartWaits.of(task,
        Map.of("web", List.of(failed("web", 100, 101), failed("web", 105, 106))), 107);
    assertEquals(Map.of("web", 7.0), waits, "8 s after the second failure, 1 s gone");
  }
}
