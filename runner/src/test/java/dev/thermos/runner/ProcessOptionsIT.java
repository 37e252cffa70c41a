package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process fields beyond Aurora's, with real processes: {@code env}, {@code working_dir},
 * {@code success_codes} and the task's {@code user}.
 */
class ProcessOptionsIT {
  @TempDir Path root;

  @Test
  void envAddsToAuroraEnvironmentTaskFirstThenProcessWithTemplates() throws Exception {
    TaskHarness harness = new TaskHarness(root, "env").ports(Map.of("http", 8080));
    TaskResult r = harness.run("""
        {"name": "env", "env": {"SHARED": "task", "ONLY_TASK": "t-{{thermos.task_id}}"},
         "processes": [{"name": "p", "env": {"SHARED": "process", "PORT": "{{thermos.ports[http]}}",
           "HOME": "/elsewhere", "N": 7},
          "cmdline": "echo $SHARED $ONLY_TASK $PORT $HOME $N ${THERMOS_TASK%%:*} $USER"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    assertEquals("process t-env 8080 /elsewhere 7 env " + System.getProperty("user.name") + "\n",
        r.stdout("p", 0));
  }

  @Test
  void envCannotReplaceTheTaskMarker() {
    TaskHarness harness = new TaskHarness(root, "marker");
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> harness.evaluate("""
        {"name": "marker", "processes": [{"name": "p", "cmdline": "true",
          "env": {"THERMOS_TASK": "x"}}]}"""));
    assertEquals("Task has invalid process: p: invalid env: THERMOS_TASK is reserved"
        + " (it marks the task's processes)", e.getMessage());
  }

  @Test
  void aRelativeWorkingDirIsCreatedInTheSandboxAndAnAbsoluteOneIsUsedAsIs() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    TaskHarness harness = new TaskHarness(root, "wd");
    TaskResult r = harness.run("""
        {"name": "wd", "processes": [
          {"name": "rel", "working_dir": "a/{{name}}/b", "cmdline": "pwd"},
          {"name": "abs", "working_dir": "%s", "cmdline": "pwd"}]}""".formatted(outside));
    r.assertEnded(TaskState.SUCCESS);
    assertEquals(harness.sandbox().resolve("a/rel/b") + "\n", r.stdout("rel", 0));
    assertEquals(outside + "\n", r.stdout("abs", 0));
  }

  @Test
  void aWorkingDirThroughALinkInTheSandboxIsALaunchFailure() throws Exception {
    Path target = Files.createDirectories(root.resolve("target"));
    TaskHarness harness = new TaskHarness(root, "wdlink");
    Files.createDirectories(harness.sandbox());
    Files.createSymbolicLink(harness.sandbox().resolve("w"), target);
    TaskResult r = harness.run("""
        {"name": "wdlink", "processes": [{"name": "p", "working_dir": "w/sub",
          "cmdline": "touch planted"}]}""");
    r.assertEnded(TaskState.FAILED);
    assertEquals(ProcessState.FAILED, r.runs("p").get(0).getState());
    assertFalse(r.runs("p").get(0).isSetPid(), "the command never ran");
    assertFalse(Files.exists(target.resolve("sub")), "nothing created through the link");
  }

  @Test
  void aMissingAbsoluteWorkingDirIsRefusedBeforeTheTaskStarts() {
    TaskHarness harness = new TaskHarness(root, "nowd");
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> harness.evaluate("""
        {"name": "nowd", "processes": [{"name": "p", "working_dir": "/no/such/dir",
          "cmdline": "true"}]}"""));
    assertEquals("Task has invalid process: p: invalid working_dir: \"/no/such/dir\""
        + " (no such directory)", e.getMessage());
  }

  @Test
  void successCodesCountAsSuccessAndOthersStillFail() throws Exception {
    TaskHarness harness = new TaskHarness(root, "codes");
    TaskResult r = harness.run("""
        {"name": "codes", "max_failures": 0, "processes": [
          {"name": "three", "success_codes": [3, 4], "cmdline": "exit 3"},
          {"name": "five", "success_codes": [3, 4], "cmdline": "exit 5"}]}""");
    assertEquals(ProcessState.SUCCESS, r.runs("three").get(0).getState());
    assertEquals(3, r.runs("three").get(0).getReturnCode());
    assertEquals(ProcessState.FAILED, r.runs("five").get(0).getState());
    assertEquals(5, r.runs("five").get(0).getReturnCode());
  }

  @Test
  void asRootTheProcessesRunAsTheTaskUserWhoOwnsSandboxAndLogs() throws Exception {
    TaskHarness harness = asRootFor("nobody");
    TaskResult r = harness.run("""
        {"name": "nobody", "user": "nobody", "processes": [{"name": "p",
          "cmdline": "id -u; id -g; echo $USER; touch mine; touch /root-owned-test 2>/dev/null || echo denied"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    int uid = TaskUser.lookup("nobody").uid();
    int gid = TaskUser.lookup("nobody").gid();
    assertEquals(uid + "\n" + gid + "\nnobody\ndenied\n", r.stdout("p", 0));
    assertEquals(uid, owner(harness.sandbox()));
    assertEquals(uid, owner(harness.sandbox().resolve("mine")));
    assertEquals(uid, owner(r.log("p", 0, "stdout")));
    assertEquals(uid, owner(harness.sandbox().resolve(".logs/p")));
    assertEquals("nobody", r.state().getHeader().getUser());
    assertFalse(Files.exists(Path.of("/root-owned-test")));
  }

  @Test
  void anUnknownUserIsAnInvalidTask() {
    assumeTrue(LibC.geteuid() == 0, "as another user than root, any other user is refused first");
    TaskHarness harness = new TaskHarness(root, "unknown");
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> harness.evaluate("""
        {"name": "unknown", "user": "no-such-user-here", "processes": [{"name": "p",
          "cmdline": "true"}]}"""));
    assertEquals("user \"no-such-user-here\": no such user", e.getMessage());
  }

  /** A harness for a task that switches to another user: root only, a root others can cross. */
  private TaskHarness asRootFor(String taskId) throws Exception {
    assumeTrue(LibC.geteuid() == 0, "switching users needs root (CI runs as root)");
    Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions
        .fromString("rwxr-xr-x"));
    return new TaskHarness(root, taskId);
  }

  private static int owner(Path p) throws Exception {
    assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " exists");
    return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void instancesRunAsCopiesWithTheirOwnLogsOrderedByTheConstraintsOfTheirName() throws Exception {
    TaskHarness harness = new TaskHarness(root, "inst");
    TaskResult r = harness.run("""
        {"name": "inst", "processes": [
          {"name": "setup", "cmdline": "touch ready"},
          {"name": "web", "instances": 3,
           "cmdline": "test -e ready && echo {{thermos.instance}} of {{thermos.instances}} {{name}}"},
          {"name": "after", "cmdline": "echo done"}],
         "constraints": [{"order": ["setup", "web", "after"]}]}""");
    r.assertEnded(TaskState.SUCCESS);
    for (int i = 0; i < 3; i++) {
      assertEquals(i + " of 3 web." + i + "\n", r.stdout("web." + i, 0));
      r.assertOrdered("setup:3/SUCCESS=0", "web." + i + ":0/WAITING");
      r.assertOrdered("web." + i + ":3/SUCCESS=0", "after:0/WAITING");
    }
  }

  @Test
  void aProcessDependingOnAnotherStartedRunsOnceThatOneIsRunning() throws Exception {
    TaskHarness harness = new TaskHarness(root, "deps");
    TaskResult r = harness.run("""
        {"name": "deps", "processes": [
          {"name": "db", "daemon": true, "ephemeral": true, "max_failures": 0,
           "cmdline": "exec sleep 60"},
          {"name": "migrate", "depends_on": {"db": "started"}, "cmdline": "echo migrated"},
          {"name": "web", "depends_on": {"migrate": "succeeded", "db": "started"},
           "cmdline": "echo serving"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    r.assertOrdered("db:2/RUNNING", "migrate:0/WAITING");
    r.assertOrdered("migrate:3/SUCCESS=0", "web:0/WAITING");
    assertEquals("serving\n", r.stdout("web", 0));
  }

  @Test
  void asRootRotatedLogFilesBelongToTheTaskUserToo() throws Exception {
    TaskResult r = asRootFor("rotated").run("""
        {"name": "rotated", "user": "nobody", "processes": [{"name": "p",
          "logger": {"mode": "rotate", "rotate": {"log_size": 1024, "backups": 3}},
          "cmdline": "for i in $(seq 1 200); do echo line $i of some length; done"}]}""");
    r.assertEnded(TaskState.SUCCESS);
    int uid = TaskUser.lookup("nobody").uid();
    Path stdout = r.log("p", 0, "stdout");
    assertTrue(Files.exists(stdout.resolveSibling("stdout.1")), "rotated at least once");
    for (String name : new String[] {"stdout", "stdout.1"}) {
      assertEquals(uid, owner(stdout.resolveSibling(name)), name);
    }
  }
}

