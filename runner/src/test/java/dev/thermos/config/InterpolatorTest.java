package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
  private static final ThermosContext CONTEXT =
      new ThermosContext("t-20261124-033319.366295", "alice", Map.of("http", 8080, "admin", 9090));

  private static TaskConfig oneProcess(String name, String cmdline) {
    return TaskConfig.of(TaskConfig.DEFAULT_NAME, List.of(ProcessConfig.of(name, cmdline)));
  }

  private static String cmdline(TaskConfig t) {
    return t.processes().get(0).cmdline();
  }

  private static String error(TaskConfig t, ThermosContext c, Map<String, String> bindings) {
    return assertThrows(InvalidTaskException.class, () -> Interpolator.interpolate(t, c, bindings))
        .getMessage();
  }

  @Test
  void portsTaskIdAndUserComeFromTheContext() throws Exception {
    TaskConfig t = oneProcess("web", "serve --port={{thermos.ports[http]}}"
        + " --admin={{thermos.ports[admin]}} --id={{thermos.task_id}} --as={{thermos.user}}");
    assertEquals("serve --port=8080 --admin=9090 --id=t-20261124-033319.366295 --as=alice",
        cmdline(Interpolator.interpolate(t, CONTEXT, Map.of())));
  }

  @Test
  void theAurora2012PortsFileInterpolatesWithItsPorts() throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("aurora-2012/ports"));
    assertEquals(Set.of("hello", "world"), Interpolator.portsReferenced(t));
    TaskConfig done = Interpolator.interpolate(t,
        new ThermosContext("id", "bob", Map.of("hello", 1, "world", 2)), Map.of());
    assertEquals("echo 1 2", cmdline(done));
    assertEquals("bob", done.user());
  }

  @Test
  void portsReferencedListsEveryIndexedPortSorted() throws Exception {
    TaskConfig t = TaskConfig.of("{{thermos.ports[z]}}", List.of(
        ProcessConfig.of("a", "x {{thermos.ports[http]}} {{thermos.ports[http]}}"),
        ProcessConfig.of("b", "{{thermos.ports[admin]}} {{thermos.task_id}}")));
    assertEquals(List.of("admin", "http", "z"), List.copyOf(Interpolator.portsReferenced(t)));
  }

  @Test
  void aDottedPortIsABadPortSpecification() {
    TaskConfig t = oneProcess("a", "serve {{thermos.ports.http}}");
    assertEquals("Bad port specification: {{thermos.ports.http}}",
        assertThrows(InvalidTaskException.class, () -> Interpolator.portsReferenced(t))
            .getMessage());
    assertEquals("Bad port specification: {{thermos.ports.http}}", error(t, CONTEXT, Map.of()));
  }

  @Test
  void aPortNotGivenIsRefusedWithAurorasMessage() {
    TaskConfig t = oneProcess("a", "serve {{thermos.ports[grpc]}}");
    assertEquals("Task requires unbound port grpc!", error(t, CONTEXT, Map.of()));
  }

  @Test
  void anUnboundRefIsRefusedWithAurorasMessage() {
    TaskConfig t = oneProcess("a", "echo {{foo}} {{bar.baz}} {{foo}}");
    assertEquals("Unexpected unbound refs: {{foo}} {{bar.baz}}. Make sure you are not nesting"
        + " template variables.", error(t, CONTEXT, Map.of()));
  }

  @Test
  void userBindingsResolveIncludingDottedNames() throws Exception {
    TaskConfig t = oneProcess("a", "echo {{foo}} {{bar.baz}} {{list[0]}}");
    TaskConfig done = Interpolator.interpolate(t, CONTEXT,
        Map.of("foo", "bar", "bar.baz", "qux", "list[0]", "first"));
    assertEquals("echo bar qux first", cmdline(done));
  }

  @Test
  void nameInsideAProcessIsThatProcessesName() throws Exception {
    TaskConfig t = TaskConfig.of("task", List.of(ProcessConfig.of("one", "echo {{name}}"),
        ProcessConfig.of("two", "echo {{self.name}} {{max_failures}} {{min_duration}}"
            + " {{daemon}}")));
    TaskConfig done = Interpolator.interpolate(t, CONTEXT, Map.of());
    assertEquals("echo one", done.processes().get(0).cmdline());
    assertEquals("echo two 1 5 false", done.processes().get(1).cmdline());
  }

  @Test
  void ownFieldsWinOverBindings() throws Exception {
    TaskConfig t = oneProcess("proc", "echo {{name}}");
    assertEquals("echo proc",
        cmdline(Interpolator.interpolate(t, CONTEXT, Map.of("name", "bound"))));
  }

  @Test
  void aProcessSeesTheTasksFieldsWhenItHasNoSuchField() throws Exception {
    TaskConfig t = TaskConfig.of("task", List.of(
        ProcessConfig.of("a", "{{finalization_wait}} {{processes[1].name}}"),
        ProcessConfig.of("b", "x")));
    assertEquals("30 b", cmdline(Interpolator.interpolate(t, CONTEXT, Map.of())));
  }

  @Test
  void theDefaultTaskNameIsTheFirstProcessesName() throws Exception {
    TaskConfig t = TaskConfigLoader.parse("{\"processes\": [{\"name\": \"hello\","
        + " \"cmdline\": \"echo {{name}}\"}, {\"name\": \"b\", \"cmdline\": \"x\"}]}", "t.json");
    TaskConfig done = Interpolator.interpolate(t, CONTEXT, Map.of());
    assertEquals("hello", done.name());
    assertEquals("echo hello", cmdline(done));
  }

  @Test
  void theDefaultTaskNameFollowsAnInterpolatedProcessName() throws Exception {
    TaskConfig t = oneProcess("{{prefix}}_web", "true");
    assertEquals("x_web", Interpolator.interpolate(t, CONTEXT, Map.of("prefix", "x")).name());
  }

  @Test
  void aTaskWithoutProcessesCannotNameItself() {
    TaskConfig t = TaskConfig.of(TaskConfig.DEFAULT_NAME, List.of());
    assertEquals("Unexpected unbound refs: {{processes[0].name}}. Make sure you are not nesting"
        + " template variables.", error(t, CONTEXT, Map.of()));
  }

  @Test
  void substitutedValuesAreNotScannedAgain() throws Exception {
    TaskConfig t = oneProcess("a", "echo {{foo}}");
    assertEquals("echo {{bar}}",
        cmdline(Interpolator.interpolate(t, CONTEXT, Map.of("foo", "{{bar}}", "bar", "no"))));
  }

  @Test
  void nestedTemplatesLeaveAnUnboundRef() {
    TaskConfig t = oneProcess("a", "echo {{thermos.ports[{{name}}]}}");
    assertEquals("Unexpected unbound refs: {{thermos.ports[a]}}. Make sure you are not nesting"
        + " template variables.", error(t, CONTEXT, Map.of()));
    TaskConfig evaluated = assertDoesNotThrowPartially(t);
    assertEquals("echo {{thermos.ports[a]}}", cmdline(evaluated));
  }

  @Test
  void aSelfReferenceCycleIsUnbound() {
    TaskConfig t = TaskConfig.of("t", List.of(ProcessConfig.of("{{cmdline}}", "{{name}}")));
    assertEquals("Unexpected unbound refs: {{name}}. Make sure you are not nesting template"
        + " variables.", error(t, CONTEXT, Map.of()));
  }

  @Test
  void aNestedTemplateWhoseOuterRefResolvesIsStillRefused() {
    TaskConfig t = oneProcess("http", "echo {{thermos.ports[{{name}}]}}");
    assertEquals("Unexpected unbound refs: {{thermos.ports[http]}}. Make sure you are not nesting"
        + " template variables.", error(t, CONTEXT, Map.of()));
  }

  @Test
  void constraintsAndUserAreInterpolatedToo() throws Exception {
    TaskConfig t = new TaskConfig("t", List.of(ProcessConfig.of("{{p}}", "x")),
        List.of(List.of("{{p}}", "b")), 1, 0, 30, null, "{{thermos.user}}", Map.of(), null);
    TaskConfig done = Interpolator.interpolate(t, CONTEXT, Map.of("p", "a"));
    assertEquals(List.of(List.of("a", "b")), done.orderConstraints());
    assertEquals("alice", done.user());
    assertEquals("a", done.processes().get(0).name());
  }

  @Test
  void anEscapedRefIsLiteralText() throws Exception {
    TaskConfig t = oneProcess("a", "echo {{&foo}}");
    assertEquals("echo {{foo}}", cmdline(Interpolator.interpolate(t, CONTEXT, Map.of())));
  }

  @Test
  void anInvalidReferenceIsAnErrorNamingTheField() {
    TaskConfig t = oneProcess("a", "echo {{ foo }}");
    assertEquals("processes[0].cmdline: invalid template reference {{ foo }}: bad address  foo ",
        error(t, CONTEXT, Map.of()));
  }

  @Test
  void partialInterpolationLeavesWhatItCannotResolve() throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("web.json"));
    TaskConfig shown = Interpolator.interpolatePartially(t, null, Map.of());
    assertEquals("./serve --port={{thermos.ports[http]}} --id={{thermos.task_id}}",
        shown.processes().get(1).cmdline());
    TaskConfig named = Interpolator.interpolatePartially(
        oneProcess("a", "{{foo}} {{name}} {{thermos.user}}"), null, Map.of("foo", "1"));
    assertEquals("a", named.name());
    assertEquals("1 a {{thermos.user}}", cmdline(named));
  }

  @Test
  void assertAllRefsBoundUsesDummyThermosValues() throws Exception {
    Interpolator.assertAllRefsBound(
        oneProcess("a", "{{thermos.ports[http]}} {{thermos.user}} {{thermos.task_id}}"), Map.of());
    TaskConfig needsFoo = oneProcess("a", "echo {{foo}}");
    assertEquals("Unexpected unbound refs: {{foo}}. Make sure you are not nesting template"
        + " variables.", assertThrows(InvalidTaskException.class,
            () -> Interpolator.assertAllRefsBound(needsFoo, Map.of())).getMessage());
    Interpolator.assertAllRefsBound(needsFoo, Map.of("foo", "bar"));
  }

  private static TaskConfig assertDoesNotThrowPartially(TaskConfig t) {
    try {
      return Interpolator.interpolatePartially(t, CONTEXT, Map.of());
    } catch (InvalidTaskException e) {
      throw new AssertionError(e);
    }
  }
}
