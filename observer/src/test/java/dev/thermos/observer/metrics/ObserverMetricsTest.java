package dev.thermos.observer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverMetricsTest {
  private static List<String> lines() {
    MetricsText text = MetricsText.of(new ObserverMetrics(MetricsFixture::tasks,
        MetricsFixture.samples(), MetricsFixture::health));
    return Arrays.asList(new String(text.scrape(), StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void tasksAreCountedByStateAndActiveProcessesItemised() {
    List<String> lines = lines();
    assertTrue(lines.contains("thermos_tasks{state=\"active\"} 1.0"), String.join("\n", lines));
    assertTrue(lines.contains("thermos_tasks{state=\"success\"} 1.0"));
    assertTrue(lines.contains("thermos_tasks{state=\"failed\"} 1.0"));
    assertTrue(lines.contains("thermos_process_runs{process=\"server\",task_id=\"web\"} 3.0"));
    assertTrue(lines.contains("thermos_process_failed_runs{process=\"server\",task_id=\"web\"} 2.0"));
    assertTrue(lines.contains(
        "thermos_process_state{process=\"server\",state=\"running\",task_id=\"web\"} 1.0"));
    assertTrue(lines.contains(
        "thermos_process_state{process=\"setup\",state=\"success\",task_id=\"web\"} 1.0"));
    assertFalse(lines.stream().anyMatch(l -> l.contains("task_id=\"batch\"")),
        "a finished task is itemised");
  }

  @Test
  void runningProcessesShowTheirLatestSampleAndTheObserverItsHealth() {
    List<String> lines = lines();
    assertTrue(lines.contains("thermos_process_cpu_cores{process=\"server\",task_id=\"web\"} 0.25"));
    assertTrue(lines.contains(
        "thermos_process_rss_bytes{process=\"server\",task_id=\"web\"} 5.24288E7"));
    assertTrue(lines.contains("thermos_process_threads{process=\"server\",task_id=\"web\"} 7.0"));
    assertTrue(lines.contains("thermos_sandbox_disk_bytes{task_id=\"web\"} 4096.0"));
    assertTrue(lines.contains("thermos_observer_watched_directories 12.0"));
    assertTrue(lines.contains("thermos_observer_followed_tasks 3.0"));
    assertTrue(lines.contains("thermos_observer_event_lag_seconds 0.004"));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("# TYPE thermos_tasks gauge")).count());
  }
}
