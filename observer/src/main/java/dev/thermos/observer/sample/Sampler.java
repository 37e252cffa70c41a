package dev.thermos.observer.sample;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.RunningProcess;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one sampler of the observer: each round (one thread for all tasks, see
 * {@link SamplerThread}) takes the running processes, one snapshot of {@code /proc}, samples each
 * process tree, and spends what is left of a time budget on the disk use of their sandboxes (a
 * sandbox is measured again once its previous walk is older than the disk interval; a slow one
 * carries on over several rounds). Every sample goes to the listener; the latest are kept for
 * {@link LatestSamples}.
 */
public final class Sampler implements LatestSamples {
  private final Supplier<List<RunningProcess>> running;
  private final ProcFs proc;
  private final SampleListener listener;
  private final LongSupplier wallMillis;
  private final LongSupplier nanoTime;
  private final Duration diskInterval;
  private final Duration diskBudget;
  private final ProcessTreeSampler trees = new ProcessTreeSampler();
  private final Map<String, Map<String, ResourceSample>> latest = new ConcurrentHashMap<>();
  private final Map<String, DiskSample> latestDisk = new ConcurrentHashMap<>();
  private final Map<String, SandboxWalk> walks = new HashMap<>();
  private volatile double lastRoundMillis;

  private static final class SandboxWalk {
    final DiskUsageWalker walker;
    double startedSecs;
    boolean walking = true;

    SandboxWalk(Path sandbox, double startedSecs) {
      this.walker = new DiskUsageWalker(sandbox);
      this.startedSecs = startedSecs;
    }
  }

  Sampler(Supplier<List<RunningProcess>> running, ProcFs proc, SampleListener listener,
      LongSupplier wallMillis, LongSupplier nanoTime, Duration diskInterval, Duration diskBudget) {
    this.running = running;
    this.proc = proc;
    this.listener = listener;
    this.wallMillis = wallMillis;
    this.nanoTime = nanoTime;
    this.diskInterval = diskInterval;
    this.diskBudget = diskBudget;
  }

  /** A sampler of this host's {@code /proc}, on the system clock. */
  public static Sampler ofHost(Supplier<List<RunningProcess>> running, SampleListener listener) {
    return new Sampler(running, new ProcFs(Path.of("/proc"), LibC.clockTicks(),
        LibC.pageBytes()), listener, System::currentTimeMillis, System::nanoTime,
        Duration.ofSeconds(60), Duration.ofMillis(200));
  }

  /**
   * One round: samples every running process tree and walks sandboxes within the disk budget.
   *
   * @throws IOException when {@code /proc} cannot be read
   */
  public void round() throws IOException {
    long startNanos = nanoTime.getAsLong();
    List<RunningProcess> now = running.get();
    double nowSecs = wallMillis.getAsLong() / 1000.0;
    List<ResourceSample> samples = now.isEmpty() ? List.of()
        : trees.sample(now, proc.snapshot(), nowSecs - proc.uptimeSecs(), nowSecs,
            proc.clockTicksPerSec(), proc.pageBytes());
    Map<String, Map<String, ResourceSample>> fresh = new HashMap<>();
    for (ResourceSample s : samples) {
      fresh.computeIfAbsent(s.taskId(), k -> new HashMap<>()).put(s.process(), s);
      listener.onSample(s);
    }
    latest.keySet().retainAll(fresh.keySet());
    latest.putAll(fresh);
    walkSandboxes(now, nowSecs, startNanos + diskBudget.toNanos());
    lastRoundMillis = (nanoTime.getAsLong() - startNanos) / 1e6;
  }

  private void walkSandboxes(List<RunningProcess> now, double nowSecs, long deadlineNanos) {
    Map<String, Path> sandboxes = new HashMap<>();
    for (RunningProcess rp : now) {
      if (rp.sandbox() != null) {
        sandboxes.putIfAbsent(rp.taskId(), rp.sandbox());
      }
    }
    walks.keySet().retainAll(sandboxes.keySet());
    latestDisk.keySet().retainAll(sandboxes.keySet());
    for (Map.Entry<String, Path> e : sandboxes.entrySet()) {
      if (nanoTime.getAsLong() - deadlineNanos > 0) {
        return;
      }
      SandboxWalk walk = walks.computeIfAbsent(e.getKey(), k -> new SandboxWalk(e.getValue(), nowSecs));
      if (!walk.walking && nowSecs - walk.startedSecs < diskInterval.toSeconds()) {
        continue;
      }
      if (!walk.walking) {
        walk.walking = true;
        walk.startedSecs = nowSecs;
      }
      try {
        var done = walk.walker.step(nanoTime, deadlineNanos);
        if (done.isPresent()) {
          walk.walking = false;
          DiskSample d = new DiskSample(e.getKey(), nowSecs, done.getAsLong());
          latestDisk.put(e.getKey(), d);
          listener.onDisk(d);
        }
      } catch (IOException ex) {
        walks.remove(e.getKey()); // the sandbox is gone or not a directory: try again later
      }
    }
  }

  @Override
  public Map<String, ResourceSample> resources(String taskId) {
    return latest.getOrDefault(taskId, Map.of());
  }

  @Override
  public Optional<DiskSample> disk(String taskId) {
    return Optional.ofNullable(latestDisk.get(taskId));
  }

  /** How long the last round took, in milliseconds (for the observer's own metrics). */
  public double lastRoundMillis() {
    return lastRoundMillis;
  }
}
