package dev.thermos.cli.run;

import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.ReplayResult;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task did, as its runner checkpoint tells it, without what depends on when runners
 * started: the task's states (a restarted runner's repeated status folded into one) and each
 * process's runs as {@code STATE(rc)}. A run interrupted by runner crashes must read the same as
 * an uninterrupted one.
 */
record TaskOutcome(List<TaskState> states, Map<String, List<String>> runs) {

  /** Replays the task's runner checkpoint; a torn tail fails (a finished runner leaves none). */
  static TaskOutcome of(Path root, String taskId) throws IOException {
    ReplayResult replay = CheckpointReplay.replay(new TaskPaths(root).runnerCheckpoint(taskId));
    if (replay.tornAt().isPresent()) {
      throw new AssertionError("the runner checkpoint of " + taskId + " ends in a partial record"
          + " at offset " + replay.tornAt().getAsLong());
    }
    return of(replay.state());
  }

  static TaskOutcome of(RunnerState state) {
    List<TaskState> states = new ArrayList<>();
    for (TaskStatus s : state.getStatuses()) {
      if (states.isEmpty() || states.get(states.size() - 1) != s.getState()) {
        states.add(s.getState());
      }
    }
    Map<String, List<String>> runs = new TreeMap<>();
    state.getProcesses().forEach((process, list) -> {
      List<String> shown = new ArrayList<>();
      for (ProcessStatus run : list) {
        shown.add(run.getState() + (run.isSetReturnCode() ? "(" + run.getReturnCode() + ")" : ""));
      }
      runs.put(process, shown);
    });
    return new TaskOutcome(states, runs);
  }

  TaskState end() {
    return states.get(states.size() - 1);
  }
}
