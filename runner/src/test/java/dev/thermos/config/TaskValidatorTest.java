package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskValidatorTest {
  private static final ProcessConfig OK = ProcessConfig.of("ok", "true");

  private static String error(TaskConfig task) {
    return assertThrows(InvalidTaskException.class, () -> TaskValidator.validate(task))
        .getMessage();
  }

  private static TaskConfig task(ProcessConfig... processes) {
    return TaskConfig.of("t", List.of(processes));
  }

  @ParameterizedTest
  @ValueSource(strings = {".a", "a/b", "/a", ""})
  void anInvalidProcessNameGetsAurorasMessage(String name) {
    assertEquals("Task has invalid process: Invalid process name: " + name,
        error(task(OK, ProcessConfig.of(name, "true"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a.b", "_x", "with space", "{{name}}", "a..", "-"})
  void validProcessNamesPass(String name) throws Exception {
    TaskValidator.validate(task(ProcessConfig.of(name, "true")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x\u0000y", "x\ny", "a\u007fb"})
  void aProcessNameOutsideTheNameRulesIsRefusedInOneLine(String name) {
    String message = error(task(OK, ProcessConfig.of(name, "true")));
    assertTrue(message.startsWith("Task has invalid process: Invalid process name: \""), message);
    assertTrue(message.chars().noneMatch(Character::isISOControl), message);
  }

  @Test
  void aNulInACommandLineIsRefusedBeforeAndAfterInterpolation() {
    assertEquals("Task has invalid process: b: invalid cmdline: contains a NUL character",
        error(task(OK, ProcessConfig.of("b", "echo x\u0000y"))));
    InvalidTaskException e = assertThrows(InvalidTaskException.class,
        () -> TaskValidator.checkInterpolated(task(OK, ProcessConfig.of("b", "a\u0000"))));
    assertEquals("Task has invalid process: b: invalid cmdline: contains a NUL character",
        e.getMessage());
  }

  @Test
  void aDuplicateProcessNameIsRefused() {
    assertEquals("Task has duplicate process name: ok",
        error(task(OK, ProcessConfig.of("b", "x"), ProcessConfig.of("ok", "false"))));
  }

  @Test
  void invalidNamesAreReportedBeforeDuplicates() {
    assertEquals("Task has invalid process: Invalid process name: a/b",
        error(task(OK, OK, ProcessConfig.of("a/b", "x"))));
  }

  @Test
  void negativeTaskNumbersAreRefusedNamingTheField() {
    TaskConfig t = task(OK);
    assertEquals("Task has invalid max_failures: -1 (must be >= 0)", error(new TaskConfig("t",
        t.processes(), List.of(), -1, 0, 30, null, null, Map.of(), null)));
    assertEquals("Task has invalid max_concurrency: -2 (must be >= 0)", error(new TaskConfig("t",
        t.processes(), List.of(), 1, -2, 30, null, null, Map.of(), null)));
    assertEquals("Task has invalid finalization_wait: -3 (must be >= 0)", error(new TaskConfig(
        "t", t.processes(), List.of(), 1, 0, -3, null, null, Map.of(), null)));
    assertEquals("Task has invalid resources.ram: -1 (must be >= 0)", error(new TaskConfig("t",
        t.processes(), List.of(), 1, 0, 30, new Resources(1, -1, 0, 0), null, Map.of(), null)));
  }

  @Test
  void zeroMeansUnlimitedAndIsAccepted() throws Exception {
    TaskValidator.validate(new TaskConfig("t", List.of(new ProcessConfig("p", "x", 0, true, false,
        0, false, null, null, ProcessOptions.NONE)), List.of(), 0, 0, 0, new Resources(0, 0, 0, 0), null, Map.of(), null));
  }

  @Test
  void negativeProcessNumbersAreRefusedNamingProcessAndField() {
    assertEquals("Task has invalid process: p: invalid max_failures: -1 (must be >= 0)",
        error(task(new ProcessConfig("p", "x", -1, false, false, 5, false, null, null, ProcessOptions.NONE))));
    assertEquals("Task has invalid process: p: invalid min_duration: -5 (must be >= 0)",
        error(task(new ProcessConfig("p", "x", 1, false, false, -5, false, null, null, ProcessOptions.NONE))));
    assertEquals("Task has invalid process: p: invalid resources.cpu: NaN (must be a finite"
        + " number >= 0)", error(task(new ProcessConfig("p", "x", 1, false, false, 5, false,
        null, new Resources(Double.NaN, 1, 1, 0), ProcessOptions.NONE))));
  }

  @Test
  void aRotatingLoggerNeedsAPositiveSizeAndBackups() {
    assertEquals("Task has invalid process: p: invalid logger.rotate.log_size: 0 (must be >= 1)",
        error(task(withLogger(LoggerConfig.Mode.ROTATE, new RotatePolicy(0, 5)))));
    assertEquals("Task has invalid process: p: invalid logger.rotate.backups: 0 (must be >= 1)",
        error(task(withLogger(LoggerConfig.Mode.ROTATE, new RotatePolicy(10, 0)))));
  }

  @Test
  void aRotatePolicyIsIgnoredInStandardMode() throws Exception {
    TaskValidator.validate(task(withLogger(LoggerConfig.Mode.STANDARD, new RotatePolicy(0, 0))));
  }

  private static ProcessConfig withLogger(LoggerConfig.Mode mode, RotatePolicy rotate) {
    return new ProcessConfig("p", "x", 1, false, false, 5, false,
        new LoggerConfig(LoggerConfig.Destination.FILE, mode, rotate), null, ProcessOptions.NONE);
  }

  @Test
  void envNamesMustBeVariableNamesAndRelativeWorkingDirsStayInTheSandbox() throws Exception {
    ProcessConfig p = ProcessConfig.of("p", "x");
    assertEquals("Task has invalid process: p: invalid env: \"1A\" is not a variable name"
        + " (letters, digits and _, not starting with a digit)",
        error(task(p.withOptions(new ProcessOptions(Map.of("1A", "v"), null, List.of())))));
    assertEquals("Task has invalid process: p: invalid working_dir: \"a/../../etc\" (a relative"
        + " working_dir names directories below the sandbox: no '.' or '..')",
        error(task(p.withOptions(new ProcessOptions(Map.of(), "a/../../etc", List.of())))));
    assertEquals("Task has invalid process: p: invalid working_dir: \"./build\" (a relative"
        + " working_dir names directories below the sandbox: no '.' or '..')",
        error(task(p.withOptions(new ProcessOptions(Map.of(), "./build", List.of())))));
    assertEquals("Task has invalid env: THERMOS_TASK is reserved (it marks the task's processes)",
        error(TaskConfig.of("t", List.of(p)).withEnv(Map.of("THERMOS_TASK", "x"))));
    TaskValidator.validate(task(p.withOptions(new ProcessOptions(Map.of("_ok1", "v"), "a/b",
        List.of(1)))));
  }
}

