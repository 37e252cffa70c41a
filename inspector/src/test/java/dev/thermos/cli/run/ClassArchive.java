package dev.thermos.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A class data sharing archive of the classes {@code thermos run} loads, made once per test JVM
 * by running a one-process task: it takes about a third off each runner JVM's start-up, which the
 * crash test pays a hundred times. Without it (the dump failed) runners just start slower.
 */
final class ClassArchive {
  private static Optional<Path> archive;

  private ClassArchive() {}

  static synchronized Optional<Path> path() {
    if (archive == null) {
      archive = dump();
    }
    return archive;
  }

  private static Optional<Path> dump() {
    try {
      Path dir = Files.createTempDirectory("thermos-it-cds");
      Path jsa = dir.resolve("runner.jsa");
      Path task = dir.resolve("true.json");
      try (InputStream in = ClassArchive.class.getResourceAsStream("/run/true.json")) {
        Files.copy(in, task, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command = RunnerJvm.javaCommand();
      command.addAll(List.of("-XX:ArchiveClassesAtExit=" + jsa, "dev.thermos.cli.Main", "run",
          "--root", dir.resolve("root").toString(), "--task_id", "true", task.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("dump.log").toFile()).start();
      boolean ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(jsa);
      if (!ok) {
        p.destroyForcibly();
      }
      return ok ? Optional.of(jsa) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
