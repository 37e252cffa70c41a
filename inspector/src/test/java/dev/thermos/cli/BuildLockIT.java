package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code bin/thermos} started at once on a checkout without a jar build it once: the second
 * waits for the first and finds the jar fresh. Maven is replaced by a stand-in that takes a second,
 * notes any overlap, and puts the real jar and coordinator in place.
 */
class BuildLockIT {
  @TempDir Path home;

  @Test
  void concurrentFirstUsesBuildOnceAndBothRun() throws Exception {
    Path script = home.resolve("bin/thermos");
    Files.createDirectories(script.getParent());
    Files.copy(Path.of("../bin/thermos"), script);
    Files.writeString(home.resolve("pom.xml"), "<project/>");
    for (String module : List.of("thrift", "runner", "inspector")) {
      Files.createDirectories(home.resolve(module).resolve("src"));
      Files.writeString(home.resolve(module).resolve("pom.xml"), "<project/>");
    }
    Path fakeBin = Files.createDirectories(home.resolve("fakebin"));
    Path mvn = Files.writeString(fakeBin.resolve("mvn"), String.join("\n",
        "#!/bin/bash",
        "[ -e building ] && echo overlap >> mvn.log",
        "touch building; echo start >> mvn.log",
        "echo '[INFO] Building thermos thrift: stand-in 0.1 [2/5]'",
        "sleep 1",
        "mkdir -p inspector/target runner/target/native",
        "cp -r " + Path.of("target/lib").toAbsolutePath() + " inspector/target/lib",
        "cp " + Path.of("target/thermos.jar").toAbsolutePath() + " inspector/target/thermos.jar",
        "cp " + Path.of("../runner/target/native/thermos-coordinator").toAbsolutePath()
            + " runner/target/native/thermos-coordinator",
        "rm -f building; echo '[INFO] BUILD SUCCESS'", ""));
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder builder = new ProcessBuilder(script.toString(), "--version");
      builder.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
      builder.redirectError(home.resolve("err" + i).toFile());
      runs.add(builder.start());
    }
    for (int i = 0; i < 2; i++) {
      Process p = runs.get(i);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/thermos " + i + " did not end");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), read("err" + i));
      assertTrue(out.startsWith("thermos "), out);
    }
    assertEquals(List.of("start"), Files.readAllLines(home.resolve("mvn.log")),
        "one build, never two at once");
    String progress = read("err0") + read("err1");
    assertTrue(progress.contains("thermos:   [2/5] thermos thrift"), progress);
  }

  private String read(String name) throws IOException {
    return Files.readString(home.resolve(name));
  }
}
