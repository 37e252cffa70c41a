package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live display of {@code thermos run} on a real terminal (tmux): elapsed times tick, the table
 * is never copied into the scrollback, long names are cut, the processes' console output stays
 * above the table, colours follow {@code NO_COLOR}, Ctrl-C and Ctrl-\ say what they do.
 */
class LiveDisplayIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int COLUMNS = 60;
  private static final int ROWS = 14;

  @TempDir Path dir;
  private TmuxPane pane;
  private int runs;

  @BeforeEach
  void openTerminal() throws Exception {
    assumeTrue(TmuxPane.available(), "tmux is not installed (apt-get install -y tmux)");
    pane = TmuxPane.open(COLUMNS, ROWS);
  }

  @AfterEach
  void closeTerminal() throws Exception {
    if (pane != null) {
      pane.close();
    }
    // A test that failed before its runner stopped leaves the task's processes: end them.
    for (String process : TaskProcesses.aliveIn(dir)) {
      LibC.kill(Integer.parseInt(process.substring(0, process.indexOf(' '))), 9);
    }
  }

  /** Types {@code [ENV...] run.sh; echo EXIT=$?} for a task of these processes (JSON objects). */
  private void run(String env, int finalizationWait, String... processes) throws Exception {
    Path task = dir.resolve("task.json");
    Files.writeString(task, "{\"name\": \"live\", \"finalization_wait\": " + finalizationWait
        + ", \"processes\": [" + String.join(",", processes) + "]}");
    List<String> command = new ArrayList<>(RunnerJvm.javaCommand());
    command.addAll(List.of("dev.thermos.cli.Main", "run", "--root", dir.resolve("root" + runs++)
        .toString(), "--task_id", "live", task.toString()));
    Path script = TmuxPane.script(dir, "run.sh", command);
    pane.type("clear; " + env + " " + script + "; echo EXIT=$?");
  }

  private static String process(String name, String cmdline, String extra) {
    return "{\"name\": \"" + name + "\", \"cmdline\": \"" + cmdline + "\"" + extra + "}";
  }

  private String awaitExit() throws Exception {
    pane.awaitScreen(s -> s.lines().anyMatch(l -> l.matches("EXIT=\\d+")), TIMEOUT,
        "the runner's exit");
    return pane.history(false);
  }

  @Test
  void elapsedTimesTickWithoutATransition() throws Exception {
    run("", 30, process("sleeper", "sleep 600", ""));
    Pattern elapsed = Pattern.compile("sleeper +RUNNING +run 0 pid \\d+ (\\d+\\.\\d)s");
    String first = pane.awaitScreen(s -> elapsed.matcher(s).find(), TIMEOUT, "sleeper running");
    Matcher m = elapsed.matcher(first);
    assertTrue(m.find());
    String before = m.group(1);
    pane.awaitScreen(s -> {
      Matcher later = elapsed.matcher(s);
      return later.find() && !later.group(1).equals(before);
    }, TIMEOUT, "the elapsed time moving on from " + before + "s");
    pane.press("C-c");
    pane.press("C-c");
    awaitExit();
  }

  @Test
  void moreProcessesThanRowsLeaveNoCopiesOfTheTableInTheScrollback() throws Exception {
    List<String> processes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      processes.add(process("p" + i + "-with-a-name-much-longer-than-the-terminal-is-wide-" + i,
          "sleep 0.0" + i % 10, ""));
    }
    run("", 30, processes.toArray(String[]::new));
    String history = awaitExit();
    List<String> lines = history.lines().toList();
    // The live table's header is the only line with the task state and an elapsed time: it is
    // in the scrollback once, from the final table.
    long headers = lines.stream().filter(l -> l.matches("task live [A-Z]+ \\d.*")).count();
    assertEquals(1, headers, history);
    assertTrue(lines.stream().anyMatch(l -> l.matches("  … and \\d+ more: \\d+ SUCCESS")),
        history);
    assertTrue(lines.stream().anyMatch(l -> l.matches("  p0-with-a-name-[a-z-]*… +SUCCESS .*")),
        history);
    for (String line : lines) {
      assertTrue(line.length() <= COLUMNS || line.startsWith("bash") || line.startsWith("task")
          || line.startsWith("logs"), "wrapped: " + line);
    }
    assertTrue(lines.contains("task live SUCCESS"), history);
  }

  @Test
  void consoleOutputOfTheProcessesAppearsAboveTheTable() throws Exception {
    List<String> processes = new ArrayList<>();
    processes.add(process("talk", "for i in 1 2 3 4 5 6 7 8; do echo said-$i; sleep 0.3; done",
        ", \"logger\": {\"destination\": \"console\"}"));
    for (int i = 0; i < 8; i++) {
      processes.add(process("step" + i, "sleep 0.25", ""));
    }
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      order.append(i == 0 ? "" : ",").append("\"step").append(i).append('"');
    }
    processes.set(processes.size() - 1, processes.get(processes.size() - 1)
        + "], \"constraints\": [{\"order\": [" + order + "]}");
    run("", 30, processes.toArray(String[]::new));
    String history = awaitExit();
    List<String> lines = history.lines().toList();
    int finalTable = lines.indexOf(lines.stream().filter(l -> l.matches("task live SUCCESS .*"))
        .findFirst().orElse("task live SUCCESS"));
    int previous = -1;
    for (int i = 1; i <= 8; i++) {
      int at = lines.indexOf("said-" + i);
      assertTrue(at > previous && at < finalTable, "said-" + i + " at " + at + ":\n" + history);
      previous = at;
    }
  }

  @Test
  void ctrlBackslashPrintsTheStatusAndCtrlCSaysHowLongTheStopMayTake() throws Exception {
    run("", 7, process("sleeper", "sleep 600", ""));
    pane.awaitScreen(s -> s.contains("RUNNING"), TIMEOUT, "sleeper running");
    pane.press("C-\\");
    pane.awaitScreen(s -> s.lines().filter(l -> l.startsWith("task live ACTIVE")).count() == 2,
        TIMEOUT, "a copy of the status table");
    pane.press("C-c");
    pane.awaitScreen(s -> s.contains("stopping gracefully (up to 7 s); Ctrl-C again to kill now"),
        TIMEOUT, "the graceful stop note");
    String history = awaitExit();
    assertFalse(history.contains("thread dump"), history);
    assertTrue(history.contains("task live KILLED\nEXIT=3"), history);
    // The quit key is the terminal's again.
    pane.type("stty -a | tr ';' '\\n' | grep -E '^ *(quit|susp) ='");
    pane.awaitScreen(s -> s.contains("quit = ^\\") && s.contains("susp = ^Z"), TIMEOUT,
        "the terminal's keys restored");
  }

  @Test
  void aResumedRunnerShowsTheProcessesItAdopted() throws Exception {
    run("", 30, process("sleeper", "sleep 600", ""));
    pane.awaitScreen(s -> s.contains("RUNNING"), TIMEOUT, "sleeper running");
    LibC.kill(Integer.parseInt(Files.readString(dir.resolve("run.sh.pid")).trim()), 9);
    awaitExit();
    pane.type("clear");
    pane.clearHistory();
    // The same task again: the runner adopts the live sleeper and shows it before any transition.
    runs--;
    run("", 30, process("sleeper", "sleep 600", ""));
    pane.awaitScreen(s -> s.matches("(?s).*sleeper +RUNNING +run 0 pid \\d+ .*"), TIMEOUT,
        "the adopted sleeper");
    pane.press("C-c");
    pane.press("C-c");
    assertTrue(awaitExit().contains("task live KILLED"), pane.history(false));
    // The killed runner left Ctrl-\ mapped; the second one put the usual keys back.
    pane.type("stty -a | tr ';' '\\n' | grep -E '^ *(quit|susp) ='");
    pane.awaitScreen(s -> s.contains("quit = ^\\") && s.contains("susp = ^Z"), TIMEOUT,
        "the terminal's keys restored");
  }

  @Test
  void statesAreColouredUnlessNoColorIsSet() throws Exception {
    String bad = process("bad", "exit 7", ", \"max_failures\": 2");
    run("", 30, bad);
    String coloured = awaitExit();
    assertTrue(coloured.contains("task live FAILED: bad failed 2 of 2 times, last rc 7"),
        coloured);
    assertTrue(pane.history(true).contains("\033[31mFAILED"), pane.history(true));
    pane.clearHistory();
    run("NO_COLOR=", 30, bad);
    String plain = awaitExit();
    assertTrue(plain.contains("FAILED"), plain);
    assertFalse(pane.history(true).matches("(?s).*\033\\[3\\dm.*"), pane.history(true));
  }
}
