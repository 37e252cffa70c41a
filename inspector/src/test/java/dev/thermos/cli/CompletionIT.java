package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion script completes task ids and process names from the root. */
class CompletionIT {
  @TempDir Path dir;
  private Path root;
  private Path script;

  @BeforeEach
  void rootAndScript() throws IOException {
    root = dir.resolve("root");
    Files.createDirectories(root.resolve("tasks/active"));
    Files.createDirectories(root.resolve("tasks/finished"));
    Files.createDirectories(root.resolve("checkpoints/web"));
    for (String f : List.of("tasks/active/web", "tasks/active/webapp", "tasks/finished/old",
        "checkpoints/web/runner", "checkpoints/web/coordinator.server",
        "checkpoints/web/coordinator.db")) {
      Files.createFile(root.resolve(f));
    }
    CliRun completion = CliRun.of("completion");
    assertEquals(0, completion.exitCode(), completion.err());
    script = Files.writeString(dir.resolve("thermos.bash"), completion.out());
  }

  /** The candidates bash offers for {@code words}, the last being the word being completed. */
  private List<String> complete(String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(w.isEmpty() ? "''" : ShellWords.quote(w)).append(' ');
    }
    String program = "source " + ShellWords.quote(script.toString()) + "\n"
        + "COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "\n"
        + "_complete_thermos 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", program);
    builder.environment().put("THERMOS_ROOT", root.toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    return out.lines().filter(l -> !l.isEmpty()).sorted().toList();
  }

  @Test
  void killCompletesActiveTaskIds() throws Exception {
    assertEquals(List.of("web", "webapp"), complete("thermos", "kill", "--root", root.toString(), "we"));
    assertEquals(List.of("web", "webapp"), complete("thermos", "lose", ""));
  }

  @Test
  void gcCompletesFinishedTaskIdsAndStatusEvery() throws Exception {
    assertEquals(List.of("old"), complete("thermos", "gc", ""));
    assertEquals(List.of("old", "web", "webapp"), complete("thermos", "status", ""));
  }

  @Test
  void controlVerbsCompleteActiveTasksThenProcessesThenSignals() throws Exception {
    assertEquals(List.of("web", "webapp"), complete("thermos", "hold", ""));
    assertEquals(List.of("web", "webapp"), complete("thermos", "drain", "--timeout", "5s", ""));
    assertEquals(List.of("web", "webapp"), complete("thermos", "restart", ""));
    assertEquals(List.of("db", "server"), complete("thermos", "restart", "web", ""));
    assertEquals(List.of("db", "server"), complete("thermos", "signal", "web", ""));
    assertEquals(List.of("HUP"), complete("thermos", "signal", "web", "db", "H"));
  }

  @Test
  void tailCompletesATaskThenItsProcesses() throws Exception {
    assertEquals(List.of("old", "web", "webapp"), complete("thermos", "tail", "-n", "5", ""));
    assertEquals(List.of("db", "server"), complete("thermos", "tail", "-n", "5", "web", ""));
  }

  @Test
  void optionsStillComplete() throws Exception {
    assertEquals(List.of("--force"), complete("thermos", "kill", "--fo"));
  }
}
