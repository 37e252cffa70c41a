package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordsIT {
  @Test
  void oneArgumentIsACommandLineAsItIs() {
    assertEquals("echo $HOME; date", ShellWords.commandLine(List.of("echo $HOME; date")));
  }

  @Test
  void severalArgumentsAreQuotedEach() {
    assertEquals("printf '%s\\n' 'a b' c",
        ShellWords.commandLine(List.of("printf", "%s\\n", "a b", "c")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "it's", "$HOME", "`id`", "a\"b", "", "*", "x;y", "\\", "~",
      "line\nbreak", "'", "''", "-n", "é ü"})
  void bashReadsEveryQuotedWordBackUnchanged(String word) throws Exception {
    List<String> argv = new ArrayList<>(List.of("/bin/bash", "-c",
        "printf '%s\\0' " + ShellWords.quote(word) + " " + ShellWords.quote(word)));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(word + "\0" + word + "\0", out);
  }
}
