package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorLauncherTest {
  private static final LaunchSpec SPEC = new LaunchSpec(Path.of("/r/checkpoints/t/coordinator.p"),
      "p", 6, Path.of("/sb"), Path.of("/logs/stdout"), Path.of("/logs/stderr"),
      new LogSpec(LogSpec.Destination.BOTH, LogSpec.Mode.ROTATE, 4096, 3), "echo 'a b'",
      Map.of("K", "v"));

  @Test
  void theArgvNamesEveryOptionAndEndsWithTheCommandLineAsOneArgument() {
    List<String> argv = new CoordinatorLauncher(Path.of("/bin/coord")).command(SPEC);
    assertEquals(List.of("/bin/coord", "--ckpt", "/r/checkpoints/t/coordinator.p",
        "--process", "p", "--seq", "6", "--sandbox", "/sb", "--stdout", "/logs/stdout",
        "--stderr", "/logs/stderr", "--destination", "both", "--mode", "rotate",
        "--log-size", "4096", "--backups", "3", "--", "echo 'a b'"), argv);
  }

  @Test
  void launchOptionsAddTheirArgumentsOnlyWhenGiven() {
    LaunchSpec spec = new LaunchSpec(SPEC.checkpoint(), "p", 0, SPEC.sandbox(), SPEC.stdout(),
        SPEC.stderr(), LogSpec.standardFiles(), "true", Map.of(),
        new LaunchOptions("w/x", List.of(3, 4), new RunAs("u", 1001, 1002, List.of(1002, 27))));
    List<String> args = CoordinatorLauncher.arguments(spec);
    assertEquals(List.of("--workdir", "w/x", "--success-codes", "3,4", "--uid", "1001", "--gid",
        "1002", "--groups", "1002,27", "--", "true"), args.subList(args.size() - 12, args.size()));
    List<String> plain = CoordinatorLauncher.arguments(new LaunchSpec(SPEC.checkpoint(), "p", 0,
        SPEC.sandbox(), SPEC.stdout(), SPEC.stderr(), LogSpec.standardFiles(), "true", Map.of()));
    assertEquals(List.of("--backups", "5", "--", "true"),
        plain.subList(plain.size() - 4, plain.size()));
  }

  @Test
  void aLaunchSpecKeepsAnImmutableCopyOfTheEnvironment() {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("A", "1"));
    LaunchSpec spec = new LaunchSpec(SPEC.checkpoint(), "p", 0, SPEC.sandbox(), SPEC.stdout(),
        SPEC.stderr(), SPEC.logs(), "true", env);
    env.put("B", "2");
    assertEquals(Map.of("A", "1"), spec.environment());
  }

  @Test
  void aNegativeSeqOrLogSizeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LaunchSpec(SPEC.checkpoint(), "p", -1,
        SPEC.sandbox(), SPEC.stdout(), SPEC.stderr(), SPEC.logs(), "true", Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new LogSpec(LogSpec.Destination.FILE, LogSpec.Mode.ROTATE, 0, 1));
  }

  @Test
  void onlyFileAndBothWriteFilesAndOnlyConsoleAndBothReachTheConsole() {
    for (LogSpec.Destination d : LogSpec.Destination.values()) {
      LogSpec logs = new LogSpec(d, LogSpec.Mode.STANDARD, 1, 0);
      assertEquals(d == LogSpec.Destination.FILE || d == LogSpec.Destination.BOTH,
          logs.writesFiles());
      assertEquals(d == LogSpec.Destination.CONSOLE || d == LogSpec.Destination.BOTH,
          logs.reachesConsole());
    }
  }

  @Test
  void exitCodesAreDescribed() {
    assertTrue(CoordinatorExit.describe(CoordinatorExit.LOCKED).contains("locked"));
    assertTrue(CoordinatorExit.describe(3).contains("3"));
  }
}
