package dev.thermos.observer.sample;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.RunningProcess;
import dev.thermos.posix.LibC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplerIT {
  private Process tree;

  @AfterEach
  void killTree() throws InterruptedException {
    if (tree != null) {
      tree.descendants().forEach(ProcessHandle::destroyForcibly);
      tree.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRealTreeOfThreeIsSummedAndItsPidWithAnotherStartTimeIsRefused() throws Exception {
    tree = new ProcessBuilder("/bin/bash", "-c", "sleep 300 & sleep 300 & wait").start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // Both children exec'd sleep (between fork and exec a child's RSS is bash's, and changes).
    while (tree.descendants().filter(c -> c.info().command().orElse("").endsWith("sleep"))
        .count() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(2, tree.descendants().count(), "bash did not start its two sleeps");
    double started = tree.info().startInstant().orElseThrow().toEpochMilli() / 1000.0;
    List<ResourceSample> samples = new ArrayList<>();
    List<RunningProcess> running = new ArrayList<>();
    Sampler sampler = Sampler.ofHost(() -> running, new SampleListener() {
      @Override
      public void onSample(ResourceSample sample) {
        samples.add(sample);
      }

      @Override
      public void onDisk(DiskSample disk) {}
    });
    running.add(new RunningProcess("t", "p", 0, (int) tree.pid(), started, null));
    running.add(new RunningProcess("t", "reused", 0, (int) tree.pid(), started - 60, null));
    sampler.round();

    assertEquals(1, samples.size(), "the pid with another start time was sampled: " + samples);
    ResourceSample s = samples.get(0);
    assertEquals("p", s.process());
    assertEquals(3, s.threads());
    long rss = rssBytes(tree.pid());
    for (ProcessHandle child : tree.descendants().toList()) {
      rss += rssBytes(child.pid());
    }
    assertEquals(rss, s.rssBytes());
    assertTrue(s.rssBytes() > 3 * 100_000, "rss " + s.rssBytes());
  }

  private static long rssBytes(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[21]) * LibC.pageBytes();
  }
}
