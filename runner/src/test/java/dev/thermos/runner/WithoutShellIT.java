package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.gen.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "shell": false}: a plain command line is exec'ed without bash (bash would have put its
 * own SHLVL into the environment), unless a profile is there for bash to source; shell syntax, in
 * the file or brought by a binding, is an invalid task.
 */
class WithoutShellIT {
  @TempDir Path root;

  @Test
  void aPlainCommandRunsWithoutBashAndTheDefaultStillRunsUnderIt() throws Exception {
    TaskResult r = new TaskHarness(root, "plain").run("""
        {"name": "plain", "processes": [
          {"name": "direct", "cmdline": "env", "shell": false},
          {"name": "bash", "cmdline": "env"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertFalse(r.stdout("direct", 0).contains("SHLVL="), r.stdout("direct", 0));
    assertTrue(r.stdout("direct", 0).contains("THERMOS_TASK="), r.stdout("direct", 0));
    assertTrue(r.stdout("bash", 0).contains("SHLVL="), r.stdout("bash", 0));
  }

  @Test
  void aMissingProgramFailsWith127AsUnderBash() throws Exception {
    TaskResult r = new TaskHarness(root, "missing").run("""
        {"name": "missing", "max_failures": 1, "processes": [
          {"name": "p", "cmdline": "no-such-program-of-thermos x", "shell": false}]}""");
    r.assertEnded(TaskState.FAILED);
    assertEquals(127, r.state().getProcesses().get("p").get(0).getReturnCode());
  }

  @Test
  void withAProfileTheCommandRunsUnderBashWhichSourcesIt() throws Exception {
    TaskHarness harness = new TaskHarness(root, "profiled");
    Files.createDirectories(harness.sandbox());
    Files.writeString(harness.sandbox().resolve(".thermos_profile"), "export FROM_PROFILE=yes\n");
    TaskResult r = harness.run("""
        {"name": "profiled", "processes": [{"name": "p", "cmdline": "env", "shell": false}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertTrue(r.stdout("p", 0).contains("FROM_PROFILE=yes"), r.stdout("p", 0));
  }

  /**
   * Each launch looks at the profile as it is then, though the runner builds a successor's launch
   * while its predecessor runs: the predecessor here writes the profile, then another removes it.
   */
  @Test
  void aProfileWrittenOrRemovedByAnEarlierProcessCountsForTheNextLaunch() throws Exception {
    TaskResult r = new TaskHarness(root, "changing").run("""
        {"name": "changing", "processes": [
          {"name": "write",
           "cmdline": "sleep 0.2; echo export FROM_PROFILE=yes > .thermos_profile"},
          {"name": "with", "cmdline": "env", "shell": false},
          {"name": "remove", "cmdline": "sleep 0.2; rm .thermos_profile"},
          {"name": "without", "cmdline": "env", "shell": false}],
         "constraints": [{"order": ["write", "with", "remove", "without"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertTrue(r.stdout("with", 0).contains("FROM_PROFILE=yes"), r.stdout("with", 0));
    assertTrue(r.stdout("with", 0).contains("SHLVL="), "under bash: " + r.stdout("with", 0));
    assertFalse(r.stdout("without", 0).contains("FROM_PROFILE="), r.stdout("without", 0));
    assertFalse(r.stdout("without", 0).contains("SHLVL="), "no bash: " + r.stdout("without", 0));
  }

  @Test
  void shellSyntaxIsAnInvalidTaskInTheFileOrFromABinding() {
    InvalidTaskException inFile = assertThrows(InvalidTaskException.class,
        () -> new TaskHarness(root, "syntax").evaluate("""
            {"name": "syntax", "processes": [
              {"name": "p", "cmdline": "echo $HOME", "shell": false}]}"""));
    assertTrue(inFile.getMessage().contains("p: invalid cmdline for \"shell\": false: shell syntax"
        + " in \"$HOME\""), inFile.getMessage());
    InvalidTaskException bound = assertThrows(InvalidTaskException.class,
        () -> new TaskHarness(root, "bound").bindings(Map.of("w", "a;b")).evaluate("""
            {"name": "bound", "processes": [
              {"name": "p", "cmdline": "echo {{w}}", "shell": false}]}"""));
    assertTrue(bound.getMessage().contains("once interpolated: shell syntax in \"a;b\""),
        bound.getMessage());
    assertFalse(Files.exists(root.resolve("checkpoints")));
  }
}
