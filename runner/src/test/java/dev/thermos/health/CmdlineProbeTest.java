package dev.thermos.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a {@code cmdline} check would run, without running it. */
class CmdlineProbeTest {
  private static List<String> argv(RunAs user) {
    ProbeContext context = new ProbeContext(Path.of("/srv"), Map.of("A", "1"), user);
    return new CmdlineProbe("echo hi", 5, context).argv().stream()
        .map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
  }

  @Test
  void aCheckRunsInASessionOfItsOwn() {
    assertEquals(List.of("setsid", "--wait", "sh", "-c", "echo hi"), argv(null));
  }

  @Test
  void aCheckAsAnotherUserSetsItsIdsAndGroupsFirst() {
    assertEquals(List.of("setsid", "--wait", "setpriv", "--reuid=65534", "--regid=65534",
        "--groups=100,65534", "--", "sh", "-c", "echo hi"),
        argv(new RunAs(65534, 65534, new int[] {100, 65534})));
  }

  @Test
  void aUserWithoutSupplementaryGroupsHasThemCleared() {
    assertEquals(List.of("setsid", "--wait", "setpriv", "--reuid=7", "--regid=8",
        "--clear-groups", "--", "sh", "-c", "echo hi"), argv(new RunAs(7, 8, new int[0])));
  }

  @Test
  void theCheckHasExactlyTheRunsEnvironmentAndDirectory() {
    ProcessBuilder builder = new CmdlineProbe("true", 5,
        new ProbeContext(Path.of("/srv"), Map.of("A", "1"), null)).processBuilder();
    assertEquals(Map.of("A", "1"), builder.environment());
    assertEquals("/srv", builder.directory().getPath());
  }
}
