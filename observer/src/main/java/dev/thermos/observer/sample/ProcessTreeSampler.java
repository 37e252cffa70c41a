package dev.thermos.observer.sample;

import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.RunningProcess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples the process trees of running processes from one {@code /proc} snapshot: each recorded
 * pid is trusted only when its start time matches the run's recorded start (pids are reused), then
 * CPU (as a rate in cores from the change of user+system time since the previous round; a new pid
 * counts from zero, the first round is 0), RSS and threads are summed over it and all its
 * descendants. Not thread-safe: the sampler's one thread calls it.
 */
final class ProcessTreeSampler {
  /** How far a recorded start may be from /proc's (Aurora's MAX_START_TIME_DRIFT). */
  static final double START_DRIFT_SECS = 10.0;

  private record Key(String taskId, String process, int run) {}

  private record Previous(double atSecs, Map<Integer, Long> ticksByPid) {}

  private final Map<Key, Previous> previous = new HashMap<>();

  /**
   * One round.
   *
   * @param procs every process now, by pid
   * @param bootSecs the boot time in epoch seconds
   * @param nowSecs now, epoch seconds
   * @return one sample per running process whose pid is still its own
   */
  List<ResourceSample> sample(List<RunningProcess> running, Map<Integer, ProcStat> procs,
      double bootSecs, double nowSecs, long ticksPerSec, long pageBytes) {
    Map<Integer, List<Integer>> children = new HashMap<>();
    for (ProcStat p : procs.values()) {
      children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
    }
    List<ResourceSample> out = new ArrayList<>();
    Set<Key> seen = new HashSet<>();
    for (RunningProcess rp : running) {
      ProcStat leader = procs.get(rp.pid());
      if (leader == null || !isRecorded(leader, rp, bootSecs, ticksPerSec)) {
        continue;
      }
      Key key = new Key(rp.taskId(), rp.process(), rp.run());
      seen.add(key);
      out.add(sampleTree(key, leader, procs, children, nowSecs, ticksPerSec, pageBytes));
    }
    previous.keySet().retainAll(seen);
    return out;
  }

  /** Whether {@code stat} is the process the run recorded (its start within the drift). */
  static boolean isRecorded(ProcStat stat, RunningProcess rp, double bootSecs, long ticksPerSec) {
    double started = bootSecs + stat.startTicks() / (double) ticksPerSec;
    return Math.abs(started - rp.startTime()) <= START_DRIFT_SECS && !stat.zombie();
  }

  private ResourceSample sampleTree(Key key, ProcStat leader, Map<Integer, ProcStat> procs,
      Map<Integer, List<Integer>> children, double nowSecs, long ticksPerSec, long pageBytes) {
    Map<Integer, Long> ticks = new HashMap<>();
    long rssPages = 0;
    int threads = 0;
    Deque<ProcStat> todo = new ArrayDeque<>();
    todo.add(leader);
    while (!todo.isEmpty()) {
      ProcStat p = todo.poll();
      if (ticks.putIfAbsent(p.pid(), p.cpuTicks()) != null) {
        continue; // a pid seen twice: a cycle in a torn snapshot
      }
      rssPages += p.rssPages();
      threads += p.threads();
      for (int child : children.getOrDefault(p.pid(), List.of())) {
        ProcStat c = procs.get(child);
        if (c != null) {
          todo.add(c);
        }
      }
    }
    Previous before = previous.put(key, new Previous(nowSecs, ticks));
    double cpu = 0;
    if (before != null && nowSecs > before.atSecs()) {
      long delta = 0;
      for (Map.Entry<Integer, Long> e : ticks.entrySet()) {
        delta += Math.max(0, e.getValue() - before.ticksByPid().getOrDefault(e.getKey(), 0L));
      }
      cpu = delta / (double) ticksPerSec / (nowSecs - before.atSecs());
    }
    return new ResourceSample(key.taskId(), key.process(), key.run(), nowSecs, cpu,
        rssPages * pageBytes, threads);
  }
}
