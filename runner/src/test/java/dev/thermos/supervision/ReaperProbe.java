package dev.thermos.supervision;

import dev.thermos.posix.LibC;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of its own for {@link OrphanReaperIT} (the reaper takes every unknown zombie child of its
 * JVM, so it must not run in the test's, which other tests share): as a child subreaper with the
 * reaper running, starts {@code N} short processes through {@link KnownChildren} with known exit
 * codes, every other one leaving orphans behind (a double fork), and prints
 * {@code codes OK|WRONG ...} once each has ended.
 */
public final class ReaperProbe {
  private ReaperProbe() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    OrphanReaper.start();
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String script = i % 2 == 0 ? "exit " + (i % 200) : "(sleep 0.01 &); exit " + (i % 200);
      started.add(KnownChildren.start(new ProcessBuilder("/bin/sh", "-c", script)));
    }
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int code = started.get(i).waitFor();
      if (code != i % 200) {
        wrong.add(i + ":" + code);
      }
    }
    System.out.println(wrong.isEmpty() ? "codes OK" : "codes WRONG " + wrong);
    System.out.flush();
    // The test looks for zombies now, while this JVM (and its reaper) still runs.
    System.in.read();
  }
}
