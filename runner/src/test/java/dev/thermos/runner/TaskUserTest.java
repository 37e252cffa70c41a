package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.config.InvalidTaskException;
import dev.thermos.launch.RunAs;
import org.junit.jupiter.api.Test;

class TaskUserTest {
  @Test
  void withoutAUserTheProcessesRunAsTheRunner() throws Exception {
    assertNull(TaskUser.resolve(null, "alice", 1000));
    assertNull(TaskUser.resolve(null, "root", 0));
  }

  @Test
  void anUnprivilegedRunnerAcceptsItsOwnUserOnly() throws Exception {
    assertNull(TaskUser.resolve("alice", "alice", 1000));
    InvalidTaskException e = assertThrows(InvalidTaskException.class,
        () -> TaskUser.resolve("nobody", "alice", 1000));
    assertEquals("user \"nobody\": processes can run as another user only when the runner is"
        + " root (it runs as \"alice\")", e.getMessage());
  }

  @Test
  void asRootAUserIsLookedUpWithItsGroupsAndRootNeedsNoSwitch() throws Exception {
    RunAs nobody = TaskUser.resolve("nobody", "root", 0);
    assertEquals("nobody", nobody.name());
    assertEquals(TaskUser.lookup("nobody"), nobody);
    assertEquals(true, nobody.uid() > 0);
    assertNull(TaskUser.resolve("root", "root", 0));
    assertEquals("user \"no such\": no such user", assertThrows(InvalidTaskException.class,
        () -> TaskUser.resolve("no such", "root", 0)).getMessage());
    assertNull(TaskUser.lookup(""));
  }
}
