package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.ProcessOptions;
import dev.thermos.config.TaskConfig;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskEndLineTest {
  private static ProcessConfig process(String name, int maxFailures) {
    ProcessConfig p = ProcessConfig.of(name, "true");
    return new ProcessConfig(name, p.cmdline(), maxFailures, false, false,
        p.minDurationSecs(), false, null, null, ProcessOptions.NONE);
  }

  private static ProcessRow row(String name, ProcessState state, int failures, Integer rc) {
    return new ProcessRow(name, state, failures, 0, rc, 1, 2, failures, rc, 1);
  }

  private static final TaskConfig TASK = TaskConfig.of("x",
      List.of(process("bad", 3), process("flaky", 3), process("ok", 1), process("forever", 0)));

  @Test
  void aFailedTaskNamesTheProcessesThatReachedTheirMaxFailures() {
    assertEquals("task x FAILED: bad failed 3 of 3 times, last rc 7",
        TaskEndLine.of("x", TaskState.FAILED, List.of(row("bad", ProcessState.FAILED, 3, 7),
            row("ok", ProcessState.SUCCESS, 0, null)), TASK));
  }

  @Test
  void processesThatFailedAreMentionedEvenWhenTheTaskSucceeded() {
    assertEquals("task x SUCCESS (flaky failed 1 time)",
        TaskEndLine.of("x", TaskState.SUCCESS, List.of(row("flaky", ProcessState.SUCCESS, 1, 3),
            row("ok", ProcessState.SUCCESS, 0, null)), TASK));
  }

  @Test
  void otherFailuresOfAFailedTaskFollowItsReasons() {
    assertEquals("task x FAILED: bad failed 3 of 3 times, last rc 7 (flaky failed 2 times, "
        + "forever failed 5 times)", TaskEndLine.of("x", TaskState.FAILED, List.of(
            row("bad", ProcessState.FAILED, 3, 7), row("flaky", ProcessState.SUCCESS, 2, 1),
            row("forever", ProcessState.RUNNING, 5, 1)), TASK));
  }

  @Test
  void aTaskWithoutFailuresEndsWithItsStateAlone() {
    assertEquals("task x KILLED", TaskEndLine.of("x", TaskState.KILLED,
        List.of(row("ok", ProcessState.KILLED, 0, null)), TASK));
  }

  @Test
  void instancesThatAllFailedBeforeMinDurationAreABootFailure() {
    TaskConfig web = TaskConfig.of("x", List.of(process("web.0", 1), process("web.1", 1),
        process("db", 1)));
    List<ProcessRow> failed = List.of(row("web.0", ProcessState.FAILED, 1, 1),
        row("web.1", ProcessState.FAILED, 1, 1), row("db", ProcessState.SUCCESS, 0, null));
    assertEquals("task x FAILED: boot failure of web: all 2 instances failed before any ran 5 s;"
        + " web.0 failed 1 of 1 time, last rc 1; web.1 failed 1 of 1 time, last rc 1",
        TaskEndLine.of("x", TaskState.FAILED, failed, web));
    List<ProcessRow> oneLivedLong = List.of(row("web.0", ProcessState.FAILED, 1, 1),
        new ProcessRow("web.1", ProcessState.FAILED, 1, 0, 1, 1, 9, 1, 1, 8),
        row("db", ProcessState.SUCCESS, 0, null));
    assertEquals("task x FAILED: web.0 failed 1 of 1 time, last rc 1; web.1 failed 1 of 1 time,"
        + " last rc 1", TaskEndLine.of("x", TaskState.FAILED, oneLivedLong, web));
  }
}

