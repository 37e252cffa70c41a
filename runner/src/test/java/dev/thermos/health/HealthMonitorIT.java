package dev.thermos.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.thermos.config.HealthCheck;
import dev.thermos.config.HealthCheck.Kind;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real checks: {@code /bin/sh} commands, a local HTTP server, local sockets. */
class HealthMonitorIT {
  private static final long DEADLINE_MILLIS = 60_000;
  private static final int MAX_CONCURRENT = 4;

  @TempDir Path dir;
  private final List<HealthResult> results = new CopyOnWriteArrayList<>();
  private final HealthMonitor monitor = new HealthMonitor(results::add, MAX_CONCURRENT,
      Clock.systemUTC());
  private HttpServer server;

  @AfterEach
  void close() {
    monitor.close();
    if (server != null) {
      server.stop(0);
    }
  }

  private ProbeContext context(RunAs user) {
    return new ProbeContext(dir, Map.of("PATH", "/usr/bin:/bin", "MARKER", "up"), user);
  }

  private void watch(String process, Kind kind, String target, double interval, double timeout) {
    monitor.watch(process, 0, new HealthCheck(kind, target, interval, timeout, 0, 3),
        context(null), nowSecs());
  }

  private static double nowSecs() {
    return System.currentTimeMillis() / 1000.0;
  }

  private List<HealthResult> of(String process) {
    return results.stream().filter(r -> r.process().equals(process)).toList();
  }

  private HealthResult last(String process) {
    List<HealthResult> mine = of(process);
    return mine.isEmpty() ? null : mine.get(mine.size() - 1);
  }

  private HealthResult first(String process) {
    await(() -> !of(process).isEmpty(), "a result for " + process);
    return of(process).get(0);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Whether {@code pid} has ended (a zombie nobody reaps counts as ended). */
  private static boolean gone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }

  private long pidIn(String file) throws IOException {
    Path path = dir.resolve(file);
    await(() -> Files.exists(path), file);
    return Long.parseLong(Files.readString(path).strip());
  }

  @Test
  void aCmdlineCheckPassesWhileItsFileExistsInTheRunsDirectoryAndEnvironment() throws Exception {
    watch("p", Kind.CMDLINE, "test -e \"$MARKER\"", 0.1, 10);
    HealthResult failed = first("p");
    assertEquals(new HealthResult("p", 0, false, "exit status 1", failed.checkedAtSecs()), failed);
    Files.createFile(dir.resolve("up"));
    await(() -> last("p").passed(), "a passing check");
    assertEquals("exit status 0", last("p").detail());
    Files.delete(dir.resolve("up"));
    await(() -> !last("p").passed(), "a failing check again");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "(sleep 300 & echo $! > gc.tmp; mv gc.tmp gc); sleep 300",
      "setsid sleep 300 & echo $! > gc.tmp; mv gc.tmp gc; wait",
      "sh -c 'sleep 300 & echo $! > gc.tmp; mv gc.tmp gc; wait'"})
  void aTimedOutCheckFailsAndItsWholeTreeIsKilled(String command) throws Exception {
    watch("p", Kind.CMDLINE, "echo $$ > sh.pid; " + command, 600, 3);
    HealthResult result = first("p");
    assertFalse(result.passed());
    assertEquals("timed out after 3 s", result.detail());
    long shell = pidIn("sh.pid");
    long grandchild = pidIn("gc");
    await(() -> gone(shell), "the check's shell to end");
    await(() -> gone(grandchild), "the check's grandchild " + grandchild + " to end");
  }

  @Test
  void unwatchKillsTheCheckInFlightAndDeliversNothingAfter() throws Exception {
    watch("p", Kind.CMDLINE, "echo $$ > sh.pid; sleep 300 & echo $! > gc; wait", 600, 600);
    long shell = pidIn("sh.pid");
    long grandchild = pidIn("gc");
    monitor.unwatch("p");
    int delivered = of("p").size();
    await(() -> gone(shell) && gone(grandchild), "the cancelled check's processes to end");
    watch("q", Kind.CMDLINE, "true", 0.05, 10);
    await(() -> of("q").size() >= 3, "three checks of another process");
    assertEquals(0, delivered);
    assertEquals(List.of(), of("p"));
  }

  @Test
  void httpChecksPass2xxAnd3xxUnfollowedAndFail5xxAndRefused() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/ok", x -> respond(x, 200));
    server.createContext("/down", x -> respond(x, 503));
    server.createContext("/moved", x -> {
      x.getResponseHeaders().add("Location", "/down");
      respond(x, 302);
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    watch("ok", Kind.HTTP, base + "/ok", 600, 10);
    watch("down", Kind.HTTP, base + "/down", 600, 10);
    watch("moved", Kind.HTTP, base + "/moved", 600, 10);
    watch("refused", Kind.HTTP, "http://127.0.0.1:" + closedPort() + "/", 600, 10);
    assertResult(first("ok"), true, "HTTP 200");
    assertResult(first("down"), false, "HTTP 503");
    assertResult(first("moved"), true, "HTTP 302");
    assertResult(first("refused"), false, "Connection refused");
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status)
      throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Test
  void tcpChecksPassWhenAcceptedAndFailWhenRefused() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      watch("open", Kind.TCP, "127.0.0.1:" + listening.getLocalPort(), 600, 10);
      watch("closed", Kind.TCP, "127.0.0.1:" + closedPort(), 600, 10);
      assertResult(first("open"), true, "connected");
      assertResult(first("closed"), false, "Connection refused");
    }
  }

  private static void assertResult(HealthResult result, boolean passed, String detail) {
    assertEquals(passed, result.passed(), result.toString());
    assertEquals(detail, result.detail(), result.toString());
  }

  /** A port nothing listens on (just released by this test). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void neverMoreChecksAtOnceThanTheLimitAndTheRestRunLate() throws Exception {
    Files.createDirectory(dir.resolve("active"));
    String check = "touch active/$$; ls active | wc -l >> counts;"
        + " while [ ! -e go ]; do sleep 0.05; done; rm active/$$";
    int processes = 2 * MAX_CONCURRENT + 1;
    for (int i = 0; i < processes; i++) {
      watch("p" + i, Kind.CMDLINE, check, 600, 600);
    }
    await(() -> countLines() == MAX_CONCURRENT, MAX_CONCURRENT + " checks running");
    try (var active = Files.list(dir.resolve("active"))) {
      assertEquals(MAX_CONCURRENT, active.count());
    }
    Files.createFile(dir.resolve("go"));
    await(() -> results.size() == processes, "every check to end");
    assertEquals(processes, countLines(), "every check ran");
    for (String count : Files.readAllLines(dir.resolve("counts"))) {
      assertTrue(Integer.parseInt(count.strip()) <= MAX_CONCURRENT, "at once: " + count);
    }
    assertTrue(results.stream().allMatch(HealthResult::passed), results.toString());
  }

  private long countLines() {
    try {
      return Files.readAllLines(dir.resolve("counts")).size();
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void aCmdlineCheckRunsAsTheRunsUserWithItsGroups() throws Exception {
    assumeTrue(LibC.geteuid() == 0, "switching users needs root (CI runs as root)");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    monitor.watch("p", 0, new HealthCheck(Kind.CMDLINE,
        "{ id -u; id -g; id -G; } > who.tmp && mv who.tmp who", 600, 10, 0, 3),
        context(new RunAs(65534, 65534, new int[] {100, 65534})), nowSecs());
    assertResult(first("p"), true, "exit status 0");
    assertEquals(List.of("65534", "65534", "65534 100"), Files.readAllLines(dir.resolve("who")));
    assertEquals(65534, Files.getAttribute(dir.resolve("who"), "unix:uid"));
  }
}
