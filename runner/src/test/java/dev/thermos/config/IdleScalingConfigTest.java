package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The object form of {@code instances} and {@code {{thermos.status_file}}}. */
class IdleScalingConfigTest {
  private static TaskConfig parse(String instances) throws InvalidTaskException {
    return TaskConfigLoader.parse("{\"processes\": [{\"name\": \"w\", \"cmdline\": \"echo idle >"
        + " {{thermos.status_file}}\", \"instances\": " + instances + "}]}", "t.json");
  }

  private static String error(String instances) {
    return assertThrows(InvalidTaskException.class, () -> parse(instances)).getMessage();
  }

  @Test
  void theObjectStartsAtMinAndIsWrittenBackWithItsCount() throws Exception {
    TaskConfig t = parse("{\"min\": 2, \"max\": 5, \"min_idle\": 1, \"max_idle\": 2}");
    ProcessOptions o = t.processes().get(0).options();
    assertEquals(new IdleScaling(2, 5, 1, 2, 10, 2), o.idleScaling());
    assertEquals(2, o.instances());
    TaskConfig back = TaskConfigLoader.parse(TaskConfigJson.toJson(t), "back");
    assertEquals(t, back);
    assertEquals(3, parse("{\"min\": 2, \"max\": 5, \"count\": 3}").processes().get(0).options()
        .instances());
  }

  @Test
  void eachCopyGetsItsOwnStatusFileInTheDirectoryGiven() throws Exception {
    TaskConfig t = Instances.expand(parse("{\"min\": 2, \"max\": 3}"),
        Path.of("/box/.thermos_status"));
    assertEquals(List.of("echo idle > /box/.thermos_status/w.0",
        "echo idle > /box/.thermos_status/w.1"),
        t.processes().stream().map(ProcessConfig::cmdline).toList());
  }

  @Test
  void boundsAreChecked() {
    assertEquals("t.json: processes[0].instances: \"min\" and \"max\" must be 1 to 1000, min at"
        + " most max", error("{\"min\": 3, \"max\": 2}"));
    assertEquals("t.json: processes[0].instances: \"min_idle\" and \"max_idle\" must be 0 or more,"
        + " min_idle at most max_idle", error("{\"min\": 1, \"max\": 2, \"min_idle\": 2,"
        + " \"max_idle\": 1}"));
    assertEquals("t.json: processes[0].instances: field \"count\" must be 1 to 2, got 5",
        error("{\"min\": 1, \"max\": 2, \"count\": 5}"));
    assertEquals("t.json: processes[0].instances: unknown field \"idle\"",
        error("{\"min\": 1, \"idle\": 2}"));
  }
}
