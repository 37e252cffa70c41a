package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainCommandTest {
  @Test
  void plainWordsAreSplitOnSpaces() {
    assertEquals(List.of("sleep", "1"), PlainCommand.words("sleep 1"));
    assertEquals(List.of("/usr/bin/env", "A=b,c:d@e%f+g", "-x", "./x.y"),
        PlainCommand.words("  /usr/bin/env  A=b,c:d@e%f+g -x ./x.y "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo $HOME", "a;b", "a | b", "a > f", "a 'b'", "a \"b\"", "a\tb",
      "a\nb", "ls *", "cd ~", "a && b", "x=(1)", "a # c", "a\\ b", "echo {{x}}", "a`b`"})
  void shellSyntaxIsRefused(String cmdline) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlainCommand.words(cmdline));
    assertTrue(e.getMessage().startsWith("shell syntax in "), e.getMessage());
  }

  @Test
  void anEmptyCommandIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PlainCommand.words("   "));
  }

  @Test
  void referencesStandForWordsUntilInterpolated() {
    PlainCommand.checkUninterpolated("serve --port {{thermos.ports[http]}} {{thermos.task_id}}");
    assertThrows(IllegalArgumentException.class,
        () -> PlainCommand.checkUninterpolated("echo {{x}} > f"));
  }

  @Test
  void theTaskFilesShellFieldIsReadAndWrittenOnlyWhenFalse() throws Exception {
    TaskConfig task = TaskConfigLoader.parse("""
        {"name": "t", "processes": [{"name": "a", "cmdline": "true", "shell": false},
          {"name": "b", "cmdline": "true"}]}""", "t.json");
    assertEquals(false, task.processes().get(0).shell());
    assertEquals(true, task.processes().get(1).shell());
    String json = TaskConfigJson.toJson(task);
    assertEquals(1, json.split("\"shell\"", -1).length - 1, json);
    assertEquals(task, TaskConfigLoader.parse(json, "again"));
  }
}
