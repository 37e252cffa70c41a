package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.gen.ProcessState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTableTest {
  private static final double NOW = 1000.0;

  private static ProcessRow row(String name, ProcessState state, double start) {
    return new ProcessRow(name, state, 0, 42, null, start, Double.NaN, 0, null, 0);
  }

  private static RunView.Snapshot view(List<ProcessRow> rows) {
    return new RunView.Snapshot("t", "ACTIVE", NOW - 10, rows);
  }

  @Test
  void runningElapsedTimeFollowsTheClock() {
    RunView.Snapshot view = view(List.of(row("a", ProcessState.RUNNING, NOW - 2)));
    assertTrue(ProgressTable.lines(view, NOW, 10, 80, StateColour.NONE).get(1).endsWith(" 2.0s"));
    assertTrue(ProgressTable.lines(view, NOW + 3, 10, 80, StateColour.NONE).get(1)
        .endsWith(" 5.0s"));
  }

  @Test
  void moreProcessesThanLinesShowWhatFitsAndOneSummaryLine() {
    List<ProcessRow> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(row("done" + i, ProcessState.SUCCESS, NOW - 5));
    }
    rows.add(row("late", ProcessState.WAITING, Double.NaN));
    rows.add(row("busy", ProcessState.RUNNING, NOW - 1));
    rows.add(row("broke", ProcessState.FAILED, NOW - 1));
    List<String> lines = ProgressTable.lines(view(rows), NOW, 6, 80, StateColour.NONE);
    assertEquals(6, lines.size(), String.join("\n", lines));
    // Running, failed and waiting first, then what fits, each in the task's order.
    assertTrue(lines.get(1).contains("done0"), lines.get(1));
    assertTrue(lines.get(2).contains("late"), lines.get(2));
    assertTrue(lines.get(3).contains("busy"), lines.get(3));
    assertTrue(lines.get(4).contains("broke"), lines.get(4));
    assertEquals("  … and 29 more: 29 SUCCESS", lines.get(5));
  }

  @Test
  void theSummaryCountsEachStateMostFrequentFirst() {
    List<ProcessRow> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row("w" + i, ProcessState.WAITING, Double.NaN));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(row("s" + i, ProcessState.SUCCESS, NOW - 1));
    }
    List<String> lines = ProgressTable.lines(view(rows), NOW, 3, 80, StateColour.NONE);
    assertEquals("  … and 7 more: 5 SUCCESS, 2 WAITING", lines.get(2));
  }

  @Test
  void longNamesAreCutToTheWidthNeverWrapped() {
    String name = "x".repeat(200);
    RunView.Snapshot view = new RunView.Snapshot("t".repeat(100), "ACTIVE", NOW - 1,
        List.of(row(name, ProcessState.RUNNING, NOW - 1)));
    for (int columns : new int[] {20, 40, 80}) {
      List<String> lines = ProgressTable.lines(view, NOW, 10, columns, StateColour.NONE);
      for (String line : lines) {
        assertTrue(line.length() <= columns, columns + ": " + line);
      }
      assertTrue(lines.get(1).contains("x…"), lines.get(1));
    }
    assertTrue(ProgressTable.lines(view, NOW, 10, 80, StateColour.NONE).get(1)
        .contains("RUNNING"));
  }

  @Test
  void statesAreColouredOnlyWhenColourIsOn() {
    RunView.Snapshot view = view(List.of(row("ok", ProcessState.SUCCESS, NOW - 1),
        row("bad", ProcessState.FAILED, NOW - 1), row("run", ProcessState.RUNNING, NOW - 1),
        row("k", ProcessState.KILLED, NOW - 1)));
    List<String> coloured = ProgressTable.lines(view, NOW, 10, 80, StateColour.ANSI);
    assertTrue(coloured.get(1).contains("\033[32mSUCCESS"), coloured.get(1));
    assertTrue(coloured.get(2).contains("\033[31mFAILED"), coloured.get(2));
    assertTrue(coloured.get(3).contains("\033[36mRUNNING"), coloured.get(3));
    assertTrue(coloured.get(4).contains("\033[33mKILLED"), coloured.get(4));
    for (String line : ProgressTable.lines(view, NOW, 10, 80, StateColour.NONE)) {
      assertFalse(line.contains("\033"), line);
    }
  }

  @Test
  void noColourWhenNoColorIsSetToAnyValueOrOffATerminal() {
    assertEquals("x", StateColour.forTerminal(true, java.util.Map.of("NO_COLOR", ""))
        .paint("FAILED", "x"));
    assertEquals("x", StateColour.forTerminal(false, java.util.Map.of()).paint("FAILED", "x"));
    assertEquals("\033[31mx\033[0m", StateColour.forTerminal(true, java.util.Map.of())
        .paint("FAILED", "x"));
  }

  @Test
  void durationsRoundAsPercentPointOneFDoes() {
    java.util.Random random = new java.util.Random(0x5EEDL);
    for (int i = 0; i < 20_000; i++) {
      // Random doubles, and the halves (x.x5) where rounding could differ.
      double secs = i % 2 == 0 ? random.nextDouble() * 7200
          : (i / 2 % 1200) / 20.0 + 0.05 * (i % 4);
      assertEquals(String.format(java.util.Locale.ROOT, secs < 60 ? "%.1fs" : secs < 3600
          ? "%2$dm%3$02ds" : "%4$dh%5$02dm", secs, (long) secs / 60, (long) secs % 60,
          (long) secs / 3600, (long) secs % 3600 / 60), ProgressTable.duration(secs), "" + secs);
    }
  }

  @Test
  void durationsAtAndAroundEveryTieRoundAsPercentPointOneFDoes() {
    for (int hundredths = 5; hundredths < 6000; hundredths += 10) {
      double tie = hundredths / 100.0;
      for (double secs : new double[] {tie, Math.nextUp(tie), Math.nextDown(tie),
          Math.nextDown(Math.nextDown(tie)), tie + 1e-7, tie - 1e-7}) {
        assertEquals(String.format(java.util.Locale.ROOT, "%.1fs", secs),
            ProgressTable.duration(secs), "" + secs);
      }
    }
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertEquals("4.2s", ProgressTable.duration(4.2));
    assertEquals("3m07s", ProgressTable.duration(187));
    assertEquals("2h05m", ProgressTable.duration(2 * 3600 + 5 * 60 + 9));
  }
}
