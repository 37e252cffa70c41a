package dev.thermos.cli.run;

import dev.thermos.format.CheckpointReader;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How much of a runner checkpoint's history crossed runner restarts: the runners that wrote a
 * status, and the runs that began (FORKED) under one runner and ended under another — adopted
 * live, or ended while no runner watched. Shows that a crash round exercised recovery.
 */
record Restarts(int runners, int runsAcross) {

  static Restarts of(Path runnerCheckpoint) throws IOException {
    Set<Integer> runners = new HashSet<>();
    Set<String> forkedBefore = new HashSet<>();
    Set<String> open = new HashSet<>();
    int across = 0;
    try (CheckpointReader reader = CheckpointReader.open(runnerCheckpoint)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        if (r.isSetTaskStatus() && runners.add(r.getTaskStatus().getRunnerPid())) {
          forkedBefore.addAll(open);
        }
        if (!r.isSetProcessStatus()) {
          continue;
        }
        ProcessStatus s = r.getProcessStatus();
        if (s.getState() == ProcessState.FORKED) {
          open.add(s.getProcess());
        } else if (s.getState() != ProcessState.RUNNING && s.getState() != ProcessState.WAITING) {
          open.remove(s.getProcess());
          across += forkedBefore.remove(s.getProcess()) ? 1 : 0;
        }
      }
    }
    return new Restarts(runners.size(), across);
  }
}
