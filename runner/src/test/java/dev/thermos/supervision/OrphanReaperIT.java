package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The orphan reaper takes the orphans and never the children the JDK waits for: in a JVM that is
 * a child subreaper with the reaper running ({@link ReaperProbe}), 400 processes started through
 * {@link KnownChildren}, half of them leaving orphans behind, all report their exact exit code,
 * and no zombie is left under the JVM once the orphans died.
 */
class OrphanReaperIT {
  @Test
  void orphansAreReapedAndTheJdksChildrenKeepTheirExitCodes() throws Exception {
    Process probe = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), ReaperProbe.class.getName(), "400")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
          StandardCharsets.UTF_8));
      assertEquals("codes OK", out.readLine());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int zombies = zombieChildren(probe.pid());
      while (zombies > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        zombies = zombieChildren(probe.pid());
      }
      assertEquals(0, zombies, "zombies under the probe");
      assertTrue(probe.isAlive());
    } finally {
      probe.destroyForcibly();
    }
  }

  private static int zombieChildren(long parent) throws Exception {
    int n = 0;
    for (File p : new File("/proc").listFiles((d, name) -> name.matches("[0-9]+"))) {
      try {
        String stat = Files.readString(p.toPath().resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        n += Long.parseLong(f[1]) == parent && f[0].equals("Z") ? 1 : 0;
      } catch (java.io.IOException | RuntimeException e) {
        // gone meanwhile
      }
    }
    return n;
  }
}
