package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleTallyTest {
  @TempDir Path sandbox;

  private static List<ProcessStatus> run(ProcessState state) {
    return List.of(new ProcessStatus().setState(state));
  }

  @Test
  void runningCopiesAreCountedByWhatTheySaid() throws Exception {
    Path dir = Files.createDirectories(sandbox.resolve(".thermos_status"));
    Files.writeString(dir.resolve("w.0"), "idle\n");
    Files.writeString(dir.resolve("w.1"), "busy");
    Files.writeString(dir.resolve("w.2"), "idle");   // removed copy: no longer running
    Files.writeString(dir.resolve("w.3"), "sleepy"); // neither idle nor busy
    Files.createSymbolicLink(dir.resolve("v.0"), dir.resolve("w.0"));
    Map<String, int[]> tally = IdleTally.of(sandbox, Map.of("w.0", run(ProcessState.RUNNING),
        "w.1", run(ProcessState.RUNNING), "w.2", run(ProcessState.KILLED),
        "w.3", run(ProcessState.RUNNING), "v.0", run(ProcessState.RUNNING)));
    assertEquals(List.of("w"), List.copyOf(tally.keySet()), "the link is not followed");
    assertArrayEquals(new int[] {1, 1}, tally.get("w"));
  }

  @Test
  void noStatusDirectoryNoTally() {
    assertEquals(Map.of(), IdleTally.of(sandbox, Map.of()));
  }
}
