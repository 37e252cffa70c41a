package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoldenCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"hello_success", "killed", "ports_unicode", "retry_then_fail", "torn_tail"})
  void goldenStreamReplaysToItsState(String name) throws IOException {
    Path ckpt = Fixtures.copy("checkpoints/" + name + ".ckpt", dir);
    ReplayResult result = CheckpointReplay.replay(ckpt);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunnerStateJson.write(result.state(), result.tornAt(), out);

    JsonNode expected = JSON.readTree(Fixtures.bytes("checkpoints/" + name + ".state.json"));
    JsonNode actual = JSON.readTree(out.toByteArray());
    assertEquals(expected, actual, name);
  }

  @Test
  void invalidTransitionIsRefusedNamingProcessAndTransition() throws IOException {
    Path ckpt = Fixtures.copy("checkpoints/invalid_transition.ckpt", dir);
    String expected = JSON.readTree(Fixtures.bytes("checkpoints/invalid_transition.state.json"))
        .get("error").asText();

    InvalidCheckpointException e =
        assertThrows(InvalidCheckpointException.class, () -> CheckpointReplay.replay(ckpt));

    assertEquals(expected, e.reason());
    assertEquals(3, e.recordIndex());
    assertEquals(253, e.offset());
    assertTrue(e.getMessage().startsWith(ckpt + ": invalid record 3 at offset 253: "));
  }

  @Test
  void tornTailIsReportedNotFatal() throws IOException {
    Path ckpt = Fixtures.copy("checkpoints/torn_tail.ckpt", dir);
    ReplayResult result = CheckpointReplay.replay(ckpt);
    assertEquals(506, result.tornAt().getAsLong());
    assertEquals(506, result.endOffset());
  }

  @Test
  void everyAurora2012RunnerCheckpointReplays() throws IOException {
    Path root = Fixtures.copyAurora2012Root(dir);
    for (String task : Fixtures.AURORA_2012_TASKS) {
      ReplayResult result =
          CheckpointReplay.replay(root.resolve("checkpoints").resolve(task).resolve("runner"));
      RunnerState state = result.state();
      assertTrue(result.tornAt().isEmpty(), task);
      assertEquals(task, state.getHeader().getTaskId());
      assertFalse(state.getHeader().isSetLogDir(), "2012 headers have no log_dir");
      assertFalse(state.getHeader().isSetUid(), "2012 headers have no uid");
    }
  }

  @Test
  void aurora2012StatesAreAurorasStates() throws IOException {
    Path root = Fixtures.copyAurora2012Root(dir);
    assertEquals(TaskState.SUCCESS, lastState(root, "hello_world"));
    assertEquals(TaskState.SUCCESS, lastState(root, "failure"));
    assertEquals(TaskState.FAILED, lastState(root, "failure_limit"));
    assertEquals(TaskState.KILLED, lastState(root, "sleep60"));
    assertEquals(TaskState.ACTIVE, lastState(root, "sleep60-lost"));

    RunnerState failure = replay(root, "failure");
    assertEquals(2, failure.getProcesses().get("p2").size());
    assertEquals(3, failure.getProcesses().get("p3").size());
    assertEquals(1, failure.getProcesses().get("p3").get(0).getReturnCode(),
        "FAILED runs keep their return code");

    RunnerState limit = replay(root, "failure_limit");
    assertEquals(List.of("a", "b"), List.copyOf(limit.getProcesses().keySet()));
    assertEquals(ProcessState.FAILED, limit.getProcesses().get("b").get(0).getState());

    RunnerState ports = replay(root, "ports");
    assertEquals(50000L, ports.getHeader().getPorts().get("hello"));
    assertEquals(50001L, ports.getHeader().getPorts().get("world"));

    RunnerState sleep = replay(root, "sleep60");
    assertEquals(-1, sleep.getProcesses().get("sleep").get(0).getReturnCode());
    assertEquals(ProcessState.KILLED, sleep.getProcesses().get("sleep").get(0).getState());
  }

  private static RunnerState replay(Path root, String task) throws IOException {
    return CheckpointReplay.replay(root.resolve("checkpoints").resolve(task).resolve("runner"))
        .state();
  }

  private static TaskState lastState(Path root, String task) throws IOException {
    List<dev.thermos.gen.TaskStatus> statuses = replay(root, task).getStatuses();
    return statuses.get(statuses.size() - 1).getState();
  }
}
