package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {
  private static final double LAUNCH = 1_700_000_000.0;
  private static final TaskConfig TASK = TaskConfig.of("t",
      List.of(ProcessConfig.of("a", "true"), ProcessConfig.of("b", "true")));

  private final StringWriter written = new StringWriter();
  private double now = LAUNCH;

  private RunProgress progress(boolean terminal, int rows) {
    return new RunProgress(new PrintWriter(written), "t", TASK, terminal,
        terminal ? StateColour.ANSI : StateColour.NONE, () -> new TerminalSize(rows, 80),
        () -> now);
  }

  private String drain() {
    String s = written.toString();
    written.getBuffer().setLength(0);
    return s;
  }

  @Test
  void onATerminalTheElapsedTimeTicksWithoutATransition() {
    RunProgress progress = progress(true, 24);
    new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42);
    progress.tick();
    assertTrue(drain().contains(" 0.0s"));
    now += 3;
    progress.tick();
    assertTrue(drain().contains(" 3.0s"));
  }

  @Test
  void aTransitionIsNotDrawnOnTheRunnersThread() {
    RunProgress progress = progress(true, 24);
    new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42);
    assertEquals("", drain());
  }

  @Test
  void theTableNeverMovesTheCursorOverLinesItDidNotDraw() {
    RunProgress progress = progress(true, 24);
    FakeRun run = new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42);
    progress.tick();
    drain();
    run.ended("a", ProcessState.SUCCESS, LAUNCH + 1, 0);
    progress.tick();
    String frame = drain();
    // Each line is written at an absolute row of the bottom region, between a cursor save and a
    // restore: no relative move up (the old display's ESC[nF) over whatever the processes printed.
    assertFalse(frame.matches("(?s).*\033\\[\\d*[AF].*"), frame);
    assertTrue(frame.startsWith("\0337\033[1;22r"), frame);
    assertTrue(frame.contains("\033[23;1H\033[2Ktask t "), frame);
    assertTrue(frame.endsWith("\0338"), frame);
  }

  @Test
  void aResumedRunnerShowsTheProcessesItAdopted() {
    FakeRun run = new FakeRun().start("t", (long) (LAUNCH * 1000)).running("a", LAUNCH, 42)
        .ended("a", ProcessState.FAILED, LAUNCH + 1, 2).running("a", LAUNCH + 2, 43);
    RunProgress progress = progress(true, 24);
    run.observedBy(progress).task(TaskState.ACTIVE);
    now = LAUNCH + 5;
    progress.tick();
    String frame = drain();
    assertTrue(frame.contains("a") && frame.contains("RUNNING") && frame.contains("run 1 pid 43 3.0s"),
        frame);
    assertEquals("task t SUCCESS (a failed 1 time)", progress.finish(TaskState.SUCCESS));
  }

  @Test
  void offATerminalEachTransitionIsOnePlainLine() {
    RunProgress progress = progress(false, 24);
    new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42).ended("a", ProcessState.FAILED, LAUNCH + 1, 7);
    progress.tick();
    String text = drain();
    assertFalse(text.contains("\033"), text);
    List<String> lines = text.lines().toList();
    assertEquals(5, lines.size(), text);
    assertTrue(lines.get(0).endsWith(" task ACTIVE"), text);
    assertTrue(lines.get(4).endsWith(" a                    FAILED   run 0 pid 42 rc 7 1.0s"),
        text);
    assertEquals("task t FAILED: a failed 1 of 1 time, last rc 7",
        progress.finish(TaskState.FAILED));
    assertEquals("", drain());
  }

  @Test
  void anEndWrittenWithTheNextRunsWaitingIsShownForItsOwnRun() {
    RunProgress progress = progress(false, 24);
    FakeRun run = new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42);
    run.group(dev.thermos.format.Records.ended("a", run.seq("a"), ProcessState.FAILED,
        LAUNCH + 1, 7), dev.thermos.format.Records.waiting("a", run.seq("a")));
    List<String> lines = drain().lines().toList();
    assertTrue(lines.get(lines.size() - 2).endsWith(
        " a                    FAILED   run 0 pid 42 rc 7 1.0s"), String.join("\n", lines));
    assertTrue(lines.get(lines.size() - 1).endsWith(" a                    WAITING  run 1"),
        String.join("\n", lines));
  }

  @Test
  void offATerminalAResumeListsTheAdoptedProcesses() {
    FakeRun run = new FakeRun().start("t", (long) (LAUNCH * 1000)).running("a", LAUNCH, 42);
    RunProgress progress = progress(false, 24);
    run.observedBy(progress).task(TaskState.ACTIVE);
    List<String> lines = drain().lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).contains("a                    RUNNING  run 0 pid 42"), lines.get(1));
  }

  @Test
  void theFirstInterruptSaysHowLongTheGracefulStopMayTake() {
    RunProgress progress = progress(false, 24);
    progress.stoppingGracefully();
    assertEquals("stopping gracefully (up to 30 s); Ctrl-C again to kill now\n", drain());
  }

  @Test
  void theStatusKeyPrintsTheWholeTable() {
    RunProgress progress = progress(false, 24);
    new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42).running("b", LAUNCH, 43);
    drain();
    progress.printStatus();
    String text = drain();
    assertTrue(text.startsWith("task t ACTIVE"), text);
    assertTrue(text.contains("  a ") && text.contains("  b "), text);
  }

  @Test
  void finishingOnATerminalLeavesTheFinalTableInTheScrollback() {
    RunProgress progress = progress(true, 24);
    new FakeRun().observedBy(progress).start("t", (long) (LAUNCH * 1000))
        .running("a", LAUNCH, 42).ended("a", ProcessState.SUCCESS, LAUNCH + 1, 0);
    progress.tick();
    drain();
    assertEquals("task t SUCCESS", progress.finish(TaskState.SUCCESS));
    String end = drain();
    // The pinned block is cleared and the region reset before the table is printed in the flow.
    assertTrue(end.startsWith("\0337\033[23;1H\033[J\033[r\0338"), end);
    assertTrue(end.contains("\033[32mSUCCESS"), end);
    progress.tick();
    assertEquals("", drain());
  }
}
