package dev.thermos.observer.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.event.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {
  private static final double BOOT = 1_780_000_000.0;
  @TempDir Path tmp;
  private final AtomicLong wallMs = new AtomicLong((long) (BOOT * 1000) + 1_000_000);
  private final AtomicLong nanos = new AtomicLong();
  private final List<ResourceSample> samples = new ArrayList<>();
  private final List<DiskSample> disks = new ArrayList<>();
  private final List<RunningProcess> running = new ArrayList<>();
  private FakeProc proc;

  private Sampler sampler(Duration diskBudget) throws IOException {
    return sampler(diskBudget, nanos::get);
  }

  private Sampler sampler(Duration diskBudget, java.util.function.LongSupplier nanoTime)
      throws IOException {
    proc = new FakeProc(Files.createDirectories(tmp.resolve("proc")));
    proc.uptime(uptime());
    SampleListener listener = new SampleListener() {
      @Override
      public void onSample(ResourceSample sample) {
        samples.add(sample);
      }

      @Override
      public void onDisk(DiskSample disk) {
        disks.add(disk);
      }
    };
    return new Sampler(() -> List.copyOf(running), proc.procFs(), listener, wallMs::get,
        nanoTime, Duration.ofSeconds(60), diskBudget);
  }

  private double uptime() {
    return wallMs.get() / 1000.0 - BOOT;
  }

  private void advance(long ms) {
    wallMs.addAndGet(ms);
    proc.uptime(uptime());
  }

  @Test
  void aTreeOfThreeIsSummedAndStrangersAreLeftOut() throws IOException {
    Sampler sampler = sampler(Duration.ofMillis(100));
    proc.process(100, 1, "bash", 500, 10, 100, 1)
        .process(101, 100, "python (x) y", 501, 20, 200, 4)
        .process(102, 101, "sleep", 502, 30, 300, 1)
        .process(200, 1, "stranger", 400, 99, 999, 9);
    running.add(new RunningProcess("t", "p", 0, 100, BOOT + 500.5, null));
    sampler.round();
    assertEquals(List.of(new ResourceSample("t", "p", 0, wallMs.get() / 1000.0, 0.0,
        600 * FakeProc.PAGE, 6)), samples);
    assertEquals(samples.get(0), sampler.resources("t").get("p"));
  }

  @Test
  void cpuIsTheRateInCoresSinceThePreviousRoundAndANewChildCountsFromZero() throws IOException {
    Sampler sampler = sampler(Duration.ofMillis(100));
    proc.process(100, 1, "bash", 500, 10, 1, 1);
    running.add(new RunningProcess("t", "p", 0, 100, BOOT + 500, null));
    sampler.round();
    advance(5000);
    proc.process(100, 1, "bash", 500, 260, 1, 1).process(101, 100, "new", 1004, 250, 1, 1);
    sampler.round();
    assertEquals(0.0, samples.get(0).cpu());
    assertEquals(1.0, samples.get(1).cpu(), 1e-9); // (250 + 250) ticks / 100 Hz / 5 s
  }

  @Test
  void aPidReusedByAnotherProcessIsRefused() throws IOException {
    Sampler sampler = sampler(Duration.ofMillis(100));
    proc.process(100, 1, "imposter", 900, 10, 100, 1);
    running.add(new RunningProcess("t", "p", 0, 100, BOOT + 500, null));
    sampler.round();
    assertEquals(List.of(), samples);
    assertTrue(sampler.resources("t").isEmpty());
  }

  @Test
  void aProcessThatEndedLeavesTheLatestSamples() throws IOException {
    Sampler sampler = sampler(Duration.ofMillis(100));
    proc.process(100, 1, "bash", 500, 10, 100, 1);
    running.add(new RunningProcess("t", "p", 0, 100, BOOT + 500, null));
    sampler.round();
    assertEquals(1, sampler.resources("t").size());
    proc.gone(100);
    sampler.round();
    assertTrue(sampler.resources("t").isEmpty());
  }

  @Test
  void diskUseCountsTheSandboxOnlyAndCarriesOnWhenTheBudgetRunsOut() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.write(outside.resolve("big"), new byte[100_000]);
    Path sandbox = Files.createDirectories(tmp.resolve("sandbox"));
    long expected = 0;
    for (int i = 0; i < 5; i++) {
      Path d = Files.createDirectories(sandbox.resolve("d" + i).resolve("e"));
      Files.write(d.resolve("f"), new byte[1000 + i]);
      expected += 1000 + i;
    }
    Files.createSymbolicLink(sandbox.resolve("link"), outside);
    Files.createSymbolicLink(sandbox.resolve("d0").resolve("file-link"), outside.resolve("big"));
    running.add(new RunningProcess("t", "p", 0, 999, BOOT + 500, sandbox));
    // The fake clock moves one nanosecond a reading: each round lists a few directories only.
    Sampler ticking = sampler(Duration.ofNanos(4), nanos::incrementAndGet);
    int rounds = 0;
    while (disks.isEmpty() && rounds < 100) {
      ticking.round();
      rounds++;
    }
    assertTrue(rounds > 1, "one round walked it all: " + rounds);
    assertEquals(expected, disks.get(0).bytes());
    assertEquals(expected, ticking.disk("t").orElseThrow().bytes());
  }
}
