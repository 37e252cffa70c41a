package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstancesTest {
  private static TaskConfig parse(String json) throws InvalidTaskException {
    return TaskConfigLoader.parse(json, "t.json");
  }

  @Test
  void aTaskWithoutInstancesIsReturnedAsItIs() throws Exception {
    TaskConfig t = parse("""
        {"name": "t", "processes": [{"name": "a", "cmdline": "x"}, {"name": "b", "cmdline": "y"}],
         "constraints": [{"order": ["a", "b"]}]}""");
    assertSame(t, Instances.expand(t));
  }

  @Test
  void copiesAreNamedNumberedAndSubstitutedAndOrdersNameEveryCopy() throws Exception {
    TaskConfig t = Instances.expand(parse("""
        {"name": "t", "processes": [{"name": "setup", "cmdline": "s"},
          {"name": "web", "instances": 2, "working_dir": "w{{thermos.instance}}",
           "env": {"I": "{{ thermos.instance }}/{{thermos.instances}}"},
           "cmdline": "serve {{thermos.instance}} of {{thermos.instances}} as {{name}}"},
          {"name": "after", "cmdline": "a"}],
         "constraints": [{"order": ["setup", "web", "after"]}, {"order": ["setup", "after"]}]}"""));
    assertEquals(List.of("setup", "web.0", "web.1", "after"),
        t.processes().stream().map(ProcessConfig::name).toList());
    ProcessConfig one = t.processes().get(2);
    assertEquals("serve 1 of 2 as {{name}}", one.cmdline());
    assertEquals(Map.of("I", "1/2"), one.options().env());
    assertEquals("w1", one.options().workingDir());
    assertEquals(0, one.options().instances());
    assertEquals(List.of(List.of("setup", "web.0"), List.of("setup", "web.1"),
        List.of("web.0", "after"), List.of("web.1", "after"), List.of("setup", "after")),
        t.orderConstraints());
  }

  @Test
  void instancesMustBeOneToTheMaximum() {
    for (String n : List.of("0", "-1", "1001")) {
      InvalidTaskException e = org.junit.jupiter.api.Assertions.assertThrows(
          InvalidTaskException.class, () -> parse("{\"processes\": [{\"name\": \"p\","
              + " \"cmdline\": \"x\", \"instances\": " + n + "}]}"));
      assertEquals("t.json: processes[0]: field \"instances\" must be 1 to 1000, got " + n,
          e.getMessage());
    }
  }

  @Test
  void ordersBetweenManyCopiesAreRefusedBeforeTheyExpand() throws Exception {
    TaskConfig t = parse("""
        {"name": "t", "processes": [{"name": "a", "cmdline": "x", "instances": 1000},
          {"name": "b", "cmdline": "y", "instances": 1000}],
         "constraints": [{"order": ["a", "b"]}]}""");
    InvalidTaskException e = org.junit.jupiter.api.Assertions.assertThrows(
        InvalidTaskException.class, () -> Instances.checkSize(t));
    assertEquals("Task has invalid constraints: its orders between instances make 1000000 pairs"
        + " of copies, more than 100000", e.getMessage());
    Instances.checkSize(parse("""
        {"name": "t", "processes": [{"name": "a", "cmdline": "x", "instances": 300},
          {"name": "b", "cmdline": "y", "instances": 300}],
         "constraints": [{"order": ["a", "b"]}]}"""));
  }
}

