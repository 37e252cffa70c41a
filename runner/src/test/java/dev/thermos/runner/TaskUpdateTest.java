package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.planner.InvalidScheduleException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an update adds, removes and changes; no processes. */
class TaskUpdateTest {
  private static final String BASE = """
      {"name": "t", %s "processes": [
        {"name": "a", "cmdline": "run a"},
        {"name": "b", "cmdline": "run b", "max_failures": 2},
        {"name": "c", "cmdline": "run c"}]%s}""";

  private static TaskConfig task(String json) throws Exception {
    return TaskConfigLoader.parse(json, "test");
  }

  @Test
  void processesAreAddedRemovedChangedOrLeftAlone() throws Exception {
    TaskUpdate u = TaskUpdate.of(task(BASE.formatted("", "")), """
        {"name": "t", "processes": [
          {"name": "a", "cmdline": "run a"},
          {"name": "b", "cmdline": "run b", "max_failures": 3},
          {"name": "d", "cmdline": "run d"}]}""");
    assertEquals(Set.of("d"), u.added());
    assertEquals(Set.of("c"), u.removed());
    assertEquals(Set.of("b"), u.changed());
    assertEquals(Set.of("c", "b"), u.stopped());
    assertEquals("added [d], removed [c], changed [b]", u.describe());
  }

  @Test
  void theTasksEnvChangesEveryProcessItsConstraintsNone() throws Exception {
    TaskConfig current = task(BASE.formatted("", ""));
    assertEquals(Set.of("a", "b", "c"),
        TaskUpdate.of(current, BASE.formatted("\"env\": {\"X\": \"1\"},", "")).changed());
    TaskUpdate ordered = TaskUpdate.of(current, BASE.formatted("\"max_failures\": 3,",
        ", \"constraints\": [{\"order\": [\"a\", \"b\"]}]"));
    assertEquals(Set.of(), ordered.changed());
    assertEquals(Set.of(), ordered.added());
    assertEquals(Set.of(), ordered.removed());
  }

  @Test
  void aTaskWhosePlanCannotBeBuiltIsRefused() throws Exception {
    assertThrows(InvalidScheduleException.class, () -> TaskUpdate.of(task(BASE.formatted("", "")),
        BASE.formatted("", ", \"constraints\": [{\"order\": [\"a\", \"b\"]}, "
            + "{\"order\": [\"b\", \"a\"]}]")));
  }
}
