package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code max_runtime}, {@code stop_signals}, {@code health_check}: read, written, checked. */
class LifecycleConfigTest {
  private static final ThermosContext CONTEXT =
      new ThermosContext("t-1", "u", Map.of("http", 8080, "db", 5432));

  private static TaskConfig parse(String json) throws InvalidTaskException {
    return TaskConfigLoader.parse(json, "t.json");
  }

  private static TaskConfig process(String fields) throws InvalidTaskException {
    return parse("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"x\", " + fields + "}]}");
  }

  private static Lifecycle lifecycle(String fields) throws InvalidTaskException {
    return process(fields).processes().get(0).options().lifecycle();
  }

  private static String error(String fields) {
    return assertThrows(InvalidTaskException.class, () -> {
      TaskConfig t = process(fields);
      TaskValidator.validate(t);
      TaskValidator.checkInterpolated(Interpolator.interpolate(t, CONTEXT, Map.of()));
    }).getMessage();
  }

  @Test
  void absentFieldsMeanNoLimitAuroraStopsAndNoCheck() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"p\", \"cmdline\": \"x\"}]}");
    assertEquals(Lifecycle.NONE, t.processes().get(0).options().lifecycle());
    String written = TaskConfigJson.toJson(t);
    for (String field : List.of("max_runtime", "stop_signals", "health_check")) {
      assertEquals(-1, written.indexOf(field), written);
    }
  }

  @Test
  void readsAllThreeAndWritesThemBack() throws Exception {
    TaskConfig t = process("\"max_runtime\": 2.5, \"stop_signals\": [{\"signal\": \"SIGINT\","
        + " \"wait\": 5}, {\"signal\": \"term\"}], \"health_check\": {\"http\":"
        + " \"http://127.0.0.1:{{thermos.ports[http]}}/healthz\", \"interval\": 1,"
        + " \"failures\": 2}");
    Lifecycle l = t.processes().get(0).options().lifecycle();
    assertEquals(2.5, l.maxRuntimeSecs());
    assertEquals(List.of(new StopSignal("INT", 2, 5), new StopSignal("TERM", 15, 10)),
        l.stopSignals());
    assertEquals(new HealthCheck(HealthCheck.Kind.HTTP,
        "http://127.0.0.1:{{thermos.ports[http]}}/healthz", 1, 5, 0, 2), l.healthCheck());
    assertEquals(t, parse(TaskConfigJson.toJson(t)));
  }

  @Test
  void anEmptyLadderIsStraightSigkill() throws Exception {
    assertEquals(List.of(), lifecycle("\"stop_signals\": []").stopSignals());
  }

  @Test
  void theHealthTargetIsInterpolated() throws Exception {
    TaskConfig t = Interpolator.interpolate(process("\"health_check\": {\"tcp\":"
        + " \"127.0.0.1:{{thermos.ports[db]}}\"}"), CONTEXT, Map.of());
    assertEquals("127.0.0.1:5432", t.processes().get(0).options().lifecycle().healthCheck()
        .target());
  }

  @Test
  void badValuesAreOneLineErrorsNamingTheField() {
    assertEquals("t.json: processes[0]: field \"max_runtime\" must be a number of seconds > 0,"
        + " got -1.0", error("\"max_runtime\": -1"));
    assertEquals("t.json: processes[0]: field \"max_runtime\" must be a number of seconds > 0,"
        + " got 0.0", error("\"max_runtime\": 0"));
    assertEquals("t.json: processes[0].stop_signals[0]: field \"signal\" \"KILL\" is not one of"
        + " ABRT, ALRM, HUP, INT, PWR, QUIT, TERM, USR1, USR2, WINCH (SIGKILL always ends the"
        + " ladder)", error("\"stop_signals\": [{\"signal\": \"KILL\"}]"));
    assertEquals("t.json: processes[0].stop_signals[0]: field \"wait\" must be a number of"
        + " seconds >= 0, got -2.0", error("\"stop_signals\": [{\"signal\": \"INT\","
        + " \"wait\": -2}]"));
    assertEquals("t.json: processes[0].health_check: has both \"cmdline\" and \"tcp\" (exactly"
        + " one of cmdline, http, tcp)", error("\"health_check\": {\"cmdline\": \"true\","
        + " \"tcp\": \"a:1\"}"));
    assertEquals("t.json: processes[0].health_check: needs one of \"cmdline\", \"http\" or"
        + " \"tcp\"", error("\"health_check\": {\"interval\": 3}"));
    assertEquals("t.json: processes[0].health_check: field \"failures\" must be at least 1,"
        + " got 0", error("\"health_check\": {\"cmdline\": \"true\", \"failures\": 0}"));
    assertEquals("t.json: processes[0].health_check: field \"interval\" must be a number of"
        + " seconds > 0, got 0.0", error("\"health_check\": {\"cmdline\": \"true\","
        + " \"interval\": 0}"));
    assertEquals("t.json: processes[0].health_check: unknown field \"port\"",
        error("\"health_check\": {\"cmdline\": \"true\", \"port\": 3}"));
  }

  @Test
  void interpolatedTargetsMustBeUsable() {
    assertEquals("Task has invalid process: p: invalid health_check.http: \"ftp://h/x\" (must"
        + " start with http:// or https://)", error("\"health_check\": {\"http\": \"ftp://h/x\"}"));
    assertEquals("Task has invalid process: p: invalid health_check.tcp: \"db\" (must be"
        + " host:port)", error("\"health_check\": {\"tcp\": \"db\"}"));
    assertEquals("Task has invalid process: p: invalid health_check.tcp: \"h:70000\" (the port"
        + " must be 1 to 65535)", error("\"health_check\": {\"tcp\": \"h:70000\"}"));
  }

  @Test
  void healthyNeedsAHealthCheckOnTheProcessWaitedFor() throws Exception {
    TaskConfig t = parse("{\"processes\": [{\"name\": \"db\", \"cmdline\": \"x\"},"
        + " {\"name\": \"web\", \"cmdline\": \"x\", \"depends_on\": {\"db\": \"healthy\"}}]}");
    assertEquals("Task has invalid process: web: invalid depends_on.db: \"healthy\" needs a"
        + " health_check on \"db\", which has none",
        assertThrows(InvalidTaskException.class, () -> TaskValidator.validate(t)).getMessage());
    TaskValidator.validate(parse("{\"processes\": [{\"name\": \"db\", \"cmdline\": \"x\","
        + " \"health_check\": {\"tcp\": \"127.0.0.1:5432\"}}, {\"name\": \"web\", \"cmdline\":"
        + " \"x\", \"depends_on\": {\"db\": \"healthy\"}}]}"));
  }

  @Test
  void intervalsBelowATenthOfASecondAndLiteralBadTargetsAreRefusedAtLoad() throws Exception {
    assertEquals("t.json: processes[0].health_check: field \"interval\" must be at least 0.1"
        + " seconds, got 0.001", error("\"health_check\": {\"cmdline\": \"true\","
        + " \"interval\": 0.001}"));
    TaskConfig empty = process("\"health_check\": {\"cmdline\": \" \"}");
    assertEquals("Task has invalid process: p: invalid health_check.cmdline: \" \" (must be a"
        + " command)", assertThrows(InvalidTaskException.class,
            () -> TaskValidator.validate(empty)).getMessage(), "as inspect says it");
  }

  @Test
  void eachInstanceChecksItsOwnTarget() throws Exception {
    TaskConfig t = Instances.expand(parse("{\"processes\": [{\"name\": \"w\", \"cmdline\":"
        + " \"x\", \"instances\": 2, \"health_check\": {\"tcp\":"
        + " \"127.0.0.1:900{{thermos.instance}}\"}}]}"));
    assertEquals(List.of("127.0.0.1:9000", "127.0.0.1:9001"), t.processes().stream()
        .map(p -> p.options().lifecycle().healthCheck().target()).toList());
  }

  @Test
  void hostPortSplitsIpv6Brackets() {
    assertEquals(new HealthTargets.HostPort("::1", 80), HealthTargets.hostPort("[::1]:80"));
    assertNull(HealthTargets.tcpProblem("localhost:1"));
  }
}
