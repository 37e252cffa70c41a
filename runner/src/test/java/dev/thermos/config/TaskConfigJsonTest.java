package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskConfigJsonTest {
  @Test
  void aTaskIsWrittenInAurorasShapeWithEveryDefaultSpelledOut() {
    TaskConfig t = TaskConfig.of("hello", List.of(ProcessConfig.of("echo", "echo hello 8080")));
    assertEquals("{\"name\":\"hello\",\"processes\":[{\"name\":\"echo\","
        + "\"cmdline\":\"echo hello 8080\",\"max_failures\":1,\"daemon\":false,"
        + "\"ephemeral\":false,\"min_duration\":5,\"final\":false}],\"constraints\":[],"
        + "\"max_failures\":1,\"max_concurrency\":0,\"finalization_wait\":30}",
        TaskConfigJson.toJson(t));
  }

  @Test
  void optionalPartsAppearOnlyWhenGiven() {
    ProcessConfig p = new ProcessConfig("p", "x", 1, false, false, 5, false,
        new LoggerConfig(LoggerConfig.Destination.BOTH, LoggerConfig.Mode.ROTATE,
            new RotatePolicy(10, 2)), new Resources(0.5, 1024, 2048, 1), ProcessOptions.NONE);
    TaskConfig t = new TaskConfig("t", List.of(p), List.of(List.of("p", "q")), 2, 1, 10,
        new Resources(1.0, 1, 2, 0), "alice", Map.of(), null);
    assertEquals("{\"name\":\"t\",\"processes\":[{\"name\":\"p\",\"cmdline\":\"x\","
        + "\"max_failures\":1,\"daemon\":false,\"ephemeral\":false,\"min_duration\":5,"
        + "\"final\":false,\"logger\":{\"destination\":\"both\",\"mode\":\"rotate\","
        + "\"rotate\":{\"log_size\":10,\"backups\":2}},\"resources\":{\"cpu\":0.5,\"ram\":1024,"
        + "\"disk\":2048,\"gpu\":1}}],\"constraints\":[{\"order\":[\"p\",\"q\"]}],"
        + "\"max_failures\":2,\"max_concurrency\":1,\"finalization_wait\":10,"
        + "\"resources\":{\"cpu\":1.0,\"ram\":1,\"disk\":2,\"gpu\":0},\"user\":\"alice\"}",
        TaskConfigJson.toJson(t));
  }

  @Test
  void everyTaskReadsBackEqualFromItsJson() {
    qt().withExamples(2000).forAll(TaskConfigGen.tasks()).checkAssert(task -> {
      String json = TaskConfigJson.toJson(task);
      assertFalse(json.contains("\n"), json);
      try {
        assertEquals(task, TaskConfigLoader.parse(json, "tasks/active/x"));
      } catch (InvalidTaskException e) {
        throw new AssertionError(e.getMessage() + " for " + json, e);
      }
    });
  }

  @Test
  void the2012TaskFilesSurviveARoundTrip() throws Exception {
    for (String name : List.of("failure", "failure_limit", "hello_world", "ordering", "ports",
        "sleep60", "sleep60-lost")) {
      TaskConfig t = TaskConfigLoader.load(Resource.path("aurora-2012/" + name));
      assertEquals(t, TaskConfigLoader.parse(TaskConfigJson.toJson(t), name));
    }
  }
}
