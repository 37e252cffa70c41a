package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line {@code run --daemon} gives its detached runner. */
class DaemonArgumentsTest {
  @Test
  void daemonIsDroppedAndDetachedFollowsTheVerb() {
    assertEquals(List.of("-x", "run", "--detached", "--root", "r", "--task_id", "t", "t.json"),
        DaemonStart.detachedArguments(List.of("-x", "run", "--root", "r", "--daemon",
            "--task_id", "t", "t.json")));
  }

  @Test
  void aTaskFileNamedRunIsNotTakenForTheVerb() {
    assertEquals(List.of("run", "--detached", "run"),
        DaemonStart.detachedArguments(List.of("run", "--daemon", "run")));
  }

  @Test
  void theDetachedRunnersArgumentsParseAsARun() {
    List<String> args = DaemonStart.detachedArguments(List.of("run", "--daemon", "--root", "r",
        "t.json"));
    assertEquals(null, DeploymentExamples.runParseError(args));
  }
}
