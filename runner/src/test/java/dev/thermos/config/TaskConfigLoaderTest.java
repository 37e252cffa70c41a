package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskConfigLoaderTest {
  @TempDir Path dir;

  private static TaskConfig parse(String json) throws InvalidTaskException {
    return TaskConfigLoader.parse(json, "t.json");
  }

  private static String error(String json) {
    return assertThrows(InvalidTaskException.class, () -> parse(json)).getMessage();
  }

  @Test
  void absentFieldsTakeAuroraDefaults() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"true\"}]}");
    assertEquals(TaskConfig.DEFAULT_NAME, t.name());
    assertEquals(List.of(), t.orderConstraints());
    assertEquals(1, t.maxFailures());
    assertEquals(0, t.maxConcurrency());
    assertEquals(30, t.finalizationWaitSecs());
    assertNull(t.resources());
    assertNull(t.user());
    assertEquals(ProcessConfig.of("p", "true"), t.processes().get(0));
    ProcessConfig p = t.processes().get(0);
    assertEquals(1, p.maxFailures());
    assertEquals(5, p.minDurationSecs());
    assertFalse(p.daemon() || p.ephemeral() || p.isFinal());
    assertNull(p.logger());
  }

  @Test
  void loggerAndRotateAndGpuTakeAuroraDefaults() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"true\","
        + " \"logger\": {\"rotate\": {}}, \"resources\": {\"cpu\": 1, \"ram\": 2, \"disk\": 3}}]}");
    ProcessConfig p = t.processes().get(0);
    assertEquals(new LoggerConfig(LoggerConfig.Destination.FILE, LoggerConfig.Mode.STANDARD,
        new RotatePolicy(104857600L, 5)), p.logger());
    assertEquals(new Resources(1.0, 2, 3, 0), p.resources());
  }

  @Test
  void theRichExampleFromTheReferenceLoads() throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("web.json"));
    assertEquals("web", t.name());
    assertEquals(45, t.finalizationWaitSecs());
    assertEquals(List.of(List.of("setup", "server")), t.orderConstraints());
    ProcessConfig server = t.processes().get(1);
    assertEquals(3, server.maxFailures());
    assertEquals(10, server.minDurationSecs());
    assertEquals(new LoggerConfig(LoggerConfig.Destination.FILE, LoggerConfig.Mode.ROTATE,
        new RotatePolicy(10485760L, 3)), server.logger());
    assertTrue(t.processes().get(2).ephemeral());
    assertTrue(t.processes().get(3).isFinal());
    assertEquals(new Resources(1.0, 1073741824L, 1073741824L, 0), t.resources());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sleep60-lost", "failure", "failure_limit", "hello_world", "ordering",
      "ports", "sleep60"})
  void everyAurora2012TaskFileLoads(String name) throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("aurora-2012/" + name));
    assertFalse(t.processes().isEmpty());
    assertEquals("{{thermos.user}}", t.user());
    TaskValidator.validate(t);
  }

  @Test
  void the2012FileWithLegacyKeysKeepsItsValues() throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("aurora-2012/sleep60-lost"));
    assertEquals("sleep", t.name());
    assertEquals(new Resources(0.01, 8388608L, 0, 0), t.resources());
    assertEquals(ProcessConfig.of("sleep", "sleep 60; echo hello world"), t.processes().get(0));
  }

  @Test
  void the2012OrderingFileKeepsItsConstraint() throws Exception {
    TaskConfig t = TaskConfigLoader.load(Resource.path("aurora-2012/ordering"));
    assertEquals(List.of(List.of("echo_one", "echo_two", "echo_three")), t.orderConstraints());
    assertEquals(0.1, t.resources().cpu());
  }

  @Test
  void booleansAcceptZeroAndOne() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\", \"daemon\": 0,"
        + " \"ephemeral\": 1, \"final\": true}]}");
    ProcessConfig p = t.processes().get(0);
    assertFalse(p.daemon());
    assertTrue(p.ephemeral());
    assertTrue(p.isFinal());
  }

  @Test
  void aBooleanOutsideZeroAndOneIsAnErrorNamingTheFieldAndType() {
    assertEquals("t.json: processes[0]: field \"daemon\" must be a boolean (true, false, 0 or 1),"
        + " got 2", error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\", \"daemon\": 2}]}"));
  }

  @Test
  void integersAcceptNumericStrings() throws Exception {
    TaskConfig t = parse("{\"max_failures\": \"3\", \"processes\": [{\"name\": \"a\","
        + " \"cmdline\": \"x\", \"min_duration\": \"10\"}]}");
    assertEquals(3, t.maxFailures());
    assertEquals(10, t.processes().get(0).minDurationSecs());
  }

  @Test
  void aNonNumericIntegerIsAnErrorNamingTheFieldAndType() {
    assertEquals("t.json: field \"max_concurrency\" must be an integer, got \"lots\"",
        error("{\"max_concurrency\": \"lots\", \"processes\": []}"));
    assertEquals("t.json: processes[0]: field \"max_failures\" must be an integer, got 1.5",
        error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\", \"max_failures\": 1.5}]}"));
  }

  @Test
  void anIntegerOutOfRangeIsAnError() {
    assertEquals("t.json: field \"max_failures\" is out of range: 4294967296",
        error("{\"max_failures\": 4294967296, \"processes\": []}"));
  }

  @Test
  void anUnknownProcessFieldIsAnErrorNamingIt() {
    assertEquals("t.json: processes[1]: unknown field \"cmd_line\"",
        error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\"},"
            + " {\"name\": \"b\", \"cmd_line\": \"x\"}]}"));
  }

  @Test
  void unknownFieldsAreErrorsAtEveryLevel() {
    assertEquals("t.json: unknown field \"min_success\"",
        error("{\"min_success\": 1, \"processes\": []}"));
    assertEquals("t.json: resources: unknown field \"memory\"",
        error("{\"processes\": [], \"resources\": {\"cpu\": 1, \"ram\": 1, \"disk\": 1,"
            + " \"memory\": 1}}"));
    assertEquals("t.json: processes[0].logger.rotate: unknown field \"size\"",
        error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\","
            + " \"logger\": {\"rotate\": {\"size\": 1}}}]}"));
    assertEquals("t.json: constraints[0]: unknown field \"after\"",
        error("{\"processes\": [], \"constraints\": [{\"after\": [\"a\"]}]}"));
  }

  @Test
  void legacyKeysAreAcceptedOnlyWhereTheOldFilesHaveThem() {
    assertEquals("t.json: processes[0]: unknown field \"min_successes\"",
        error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\", \"min_successes\": 0}]}"));
  }

  @Test
  void aMissingCmdlineIsAnErrorNamingIt() {
    assertEquals("t.json: processes[0]: missing required field \"cmdline\"",
        error("{\"processes\": [{\"name\": \"a\"}]}"));
  }

  @Test
  void missingRequiredFieldsAreErrorsNamingThem() {
    assertEquals("t.json: processes[0]: missing required field \"name\"",
        error("{\"processes\": [{\"cmdline\": \"x\"}]}"));
    assertEquals("t.json: missing required field \"processes\"", error("{\"name\": \"t\"}"));
    assertEquals("t.json: resources: missing required field \"ram\"",
        error("{\"processes\": [], \"resources\": {\"cpu\": 1, \"disk\": 1}}"));
  }

  @Test
  void aBadEnumValueListsTheAllowedValues() {
    assertEquals("t.json: processes[0].logger: field \"destination\" must be one of file,"
        + " console, both, none, got \"syslog\"", error("{\"processes\": [{\"name\": \"a\","
        + " \"cmdline\": \"x\", \"logger\": {\"destination\": \"syslog\"}}]}"));
  }

  @Test
  void wrongContainerTypesAreErrors() {
    assertEquals("t.json: field \"processes\" must be a list of objects, got an object",
        error("{\"processes\": {}}"));
    assertEquals("t.json: processes[0]: must be an object, got \"echo\"",
        error("{\"processes\": [\"echo\"]}"));
    assertEquals("t.json: expected a JSON object (one task), got a list", error("[]"));
  }

  @Test
  void invalidJsonIsAnErrorWithLineAndColumn() {
    String message = error("{\"processes\": [\n  {\"name\": \"a\",}\n]}");
    assertTrue(message.startsWith("t.json: invalid JSON at line 2, column 16: "), message);
    assertFalse(message.contains("\n"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\": \"x\"", "[1, 2", "{\"processes\": [{\"name\": \"a\"",
      "{\"a\": tru}", "{\"a\": \"b\"} extra"})
  void invalidJsonSaysWhereAndWhatWasExpectedWithoutJacksonInternals(String json) {
    String message = error(json);
    assertTrue(message.startsWith("t.json: invalid JSON at line 1, column "), message);
    for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "[", "\n")) {
      assertFalse(message.substring("t.json: ".length()).contains(internal), message);
    }
  }

  @Test
  void anUnclosedObjectSaysWhereItWasOpened() {
    assertEquals("t.json: invalid JSON at line 2, column 1: Unexpected end-of-input: expected close "
        + "marker for Object (start marker at line 1, column 1)", error("{\"name\": \"x\"\n"));
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws Exception {
    Path file = dir.resolve("bom.json");
    byte[] body = "{\"name\": \"t\", \"processes\": [{\"name\": \"a\", \"cmdline\": \"true\"}]}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(file, bytes);
    assertEquals("t", TaskConfigLoader.load(file).name());
  }

  @Test
  void aDuplicateKeyIsInvalidJson() {
    String message = error("{\"processes\": [], \"name\": \"a\", \"name\": \"b\"}");
    assertTrue(message.startsWith("t.json: invalid JSON at line 1"), message);
    assertTrue(message.contains("name"), message);
  }

  @Test
  void loadErrorsStartWithThePathGiven() throws Exception {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"processes\": [{\"name\": \"a\", \"cmd_line\": \"x\"}]}");
    InvalidTaskException e =
        assertThrows(InvalidTaskException.class, () -> TaskConfigLoader.load(file));
    assertEquals(file + ": processes[0]: unknown field \"cmd_line\"", e.getMessage());
    assertEquals(file.toString(), e.source());
    assertEquals("processes[0]: unknown field \"cmd_line\"", e.reason());
  }

  @Test
  void aMissingFileIsAnInvalidTask() {
    Path file = dir.resolve("absent.json");
    assertEquals(file + ": no such file",
        assertThrows(InvalidTaskException.class, () -> TaskConfigLoader.load(file)).getMessage());
  }

  @Test
  void errorMessagesStayOnOneLineEvenForMultiLineValues() {
    String message = error("{\"processes\": [{\"name\": \"a\", \"cmdline\": \"x\","
        + " \"max_failures\": \"1\\n2\"}]}");
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void processOptionsAreReadInOrderAndAbsentOnesAreNone() throws Exception {
    TaskConfig t = parse("{\"env\": {\"A\": \"1\"}, \"processes\": [{\"name\": \"p\","
        + " \"cmdline\": \"x\", \"env\": {\"Z\": \"z\", \"B\": 2, \"C\": true},"
        + " \"working_dir\": \"w\", \"success_codes\": [3, 0]}, {\"name\": \"q\","
        + " \"cmdline\": \"y\"}]}");
    assertEquals(Map.of("A", "1"), t.env());
    ProcessOptions o = t.processes().get(0).options();
    assertEquals(List.of("Z", "B", "C"), List.copyOf(o.env().keySet()));
    assertEquals(List.of("z", "2", "true"), List.copyOf(o.env().values()));
    assertEquals("w", o.workingDir());
    assertEquals(List.of(3, 0), o.successCodes());
    assertEquals(ProcessOptions.NONE, t.processes().get(1).options());
    assertEquals(t, parse(TaskConfigJson.toJson(t)));
  }

  @Test
  void illTypedProcessOptionsAreErrorsNamingTheField() {
    assertEquals("t.json: processes[0]: field \"env.A\" must be a string, got an object",
        error("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"x\", \"env\": {\"A\": {}}}]}"));
    assertEquals("t.json: field \"env\" must be an object of strings, got a list",
        error("{\"env\": [], \"processes\": []}"));
    assertEquals("t.json: processes[0]: field \"success_codes[1]\" is out of range: 256",
        error("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"x\","
            + " \"success_codes\": [1, 256]}]}"));
    assertEquals("t.json: processes[0]: field \"working_dir\" must be a string, got 3",
        error("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"x\", \"working_dir\": 3}]}"));
  }

  @Test
  void aTaskWithoutProcessOptionsIsWrittenBackAsBefore() throws Exception {
    String json = "{\"processes\": [{\"name\": \"p\", \"cmdline\": \"true\"}]}";
    String written = TaskConfigJson.toJson(parse(json));
    assertFalse(written.contains("env") || written.contains("working_dir")
        || written.contains("success_codes"), written);
  }

  @Test
  void dependsOnTakesSucceededStartedOrHealthy() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"web\", \"cmdline\": \"x\","
        + " \"depends_on\": {\"db\": \"started\", \"migrate\": \"succeeded\"}}]}");
    assertEquals(List.of("db", "migrate"),
        List.copyOf(t.processes().get(0).options().dependsOn().keySet()));
    assertEquals(t, parse(TaskConfigJson.toJson(t)));
    assertEquals(dev.thermos.planner.DependsOn.HEALTHY, parse("{\"processes\": [{\"name\":"
        + " \"web\", \"cmdline\": \"x\", \"depends_on\": {\"db\": \"healthy\"}}]}")
        .processes().get(0).options().dependsOn().get("db"));
    assertEquals("t.json: processes[0]: field \"depends_on.db\" must be \"succeeded\","
        + " \"started\" or \"healthy\", got \"up\"", error("{\"processes\": [{\"name\": \"web\","
        + " \"cmdline\": \"x\", \"depends_on\": {\"db\": \"up\"}}]}"));
  }
}

