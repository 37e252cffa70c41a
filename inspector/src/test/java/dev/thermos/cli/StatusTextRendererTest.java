package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.TaskState;
import dev.thermos.monitor.DetectedTask;
import dev.thermos.monitor.TaskSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusTextRendererTest {
  @Test
  void uptimesShowTheTwoLargestUnits() {
    assertEquals("0s", StatusTextRenderer.uptime(0.4));
    assertEquals("59s", StatusTextRenderer.uptime(59));
    assertEquals("3m12s", StatusTextRenderer.uptime(192));
    assertEquals("2h05m", StatusTextRenderer.uptime(2 * 3600 + 5 * 60 + 59));
    assertEquals("5d03h", StatusTextRenderer.uptime(5 * 86400 + 3 * 3600 + 1));
    assertEquals("0s", StatusTextRenderer.uptime(-3), "a clock behind the record");
  }

  @Test
  void doubleVerboseShowsRunCountsStatesAndTheCurrentRunsUptime() throws Exception {
    Replayer replayer = new Replayer();
    for (RunnerCkpt r : List.of(Records.task(TaskState.ACTIVE, 1_000_000, 1, 0),
        Records.waiting("a", 0), Records.forked("a", 1, 1000.0, 10),
        Records.running("a", 2, 1000.0, 11), Records.ended("a", 3, ProcessState.FAILED, 1001, 1),
        Records.waiting("a", 4), Records.forked("a", 5, 1002.0, 12),
        Records.running("a", 6, 1002.0, 13),
        Records.waiting("b", 0), Records.forked("b", 1, 1000.0, 20),
        Records.running("b", 2, 1000.0, 21), Records.ended("b", 3, ProcessState.SUCCESS, 1003, 0))) {
      replayer.apply(r);
    }
    TaskSummary summary = new TaskSummary(new DetectedTask("t", TaskFileState.ACTIVE),
        Path.of("runner"), replayer.state(), Optional.empty(), OptionalLong.empty());
    StringWriter text = new StringWriter();
    Clock at = Clock.fixed(Instant.ofEpochSecond(1002 + 192), ZoneOffset.UTC);
    new StatusTextRenderer(new PrintWriter(text, true), 2, ZoneOffset.UTC, 1, 6, at)
        .render("t", "root", summary, null, null);
    String out = text.toString();
    assertTrue(out.contains("      - a runs: 2, RUNNING, up 3m12s\n"), out);
    assertTrue(out.contains("      - b runs: 1, SUCCESS\n"), out);
  }
}
